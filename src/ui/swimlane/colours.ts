// The swim-lane's colours, as theme tokens: one per layer, one per contract point (the same
// as the narration's contract notes: controls.css .contract).
export function laneColour(layer: string, devices: readonly string[]): string {
  if (layer === 'cpu') return '--muted';
  if (layer === 'mm') return '--host';
  if (layer === 'hmm') return '--inval';
  const d = devices.indexOf(layer.slice('driver:'.length));
  return `--dev${Math.max(0, d) % 4}`;
}

export const CONTRACT_COLOUR: Record<number, string> = { 1: '--dev0', 2: '--host', 3: '--free' };
