// All lessons, in teaching order: first steps → core → advanced.
import { cpuTouch } from './cpuTouch.ts';
import type { Preset } from './types.ts';

export type { Preset, PresetGroup, PresetNote } from './types.ts';

export const PRESETS: readonly Preset[] = [cpuTouch];

export const DEFAULT_PRESET_ID = 'cpu-touch';

export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}
