// The swim-lane's lanes from the engine's layers (src/engine/layers.ts): a waypoint's own
// `layer` names its fn's lane; a function the trace only names on a call path takes the layer
// the engine's table gives it, and a helper (`caller`) runs in its caller's.
import { layerKind, type LayerKind } from '../engine/layers.ts';

/** The layer of a function by name, or null for a helper that runs in its caller's. */
export const kindByName = (fn: string): LayerKind | null => layerKind(fn) ?? null;

export const kindOf = (layer: string): LayerKind =>
  layer.startsWith('driver') ? 'driver' : (layer as LayerKind);

/** Lane order: CPU on top, then core mm, HMM core, and one lane per driver in device order. */
export function laneOrder(layers: Iterable<string>, devices: readonly string[]): string[] {
  const rank = (l: string) => {
    if (l === 'cpu') return 0;
    if (l === 'mm') return 1;
    if (l === 'hmm') return 2;
    const d = devices.indexOf(l.slice('driver:'.length));
    return 3 + (d < 0 ? devices.length : d);
  };
  return [...new Set(layers)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

export const LAYER_LABEL = (layer: string): string => {
  switch (layer) {
    case 'cpu':
      return 'CPU';
    case 'mm':
      return 'core mm';
    case 'hmm':
      return 'HMM core';
    default:
      return `driver · ${layer.slice('driver:'.length) || '?'}`;
  }
};
