// Never lose work: the scenario (with hand-triggered actions) and the step are saved to
// localStorage as the user works, and offered back after a reload.
import type { Scenario } from '../../scenario/types.ts';

export const SESSION_KEY = 'hmm-lab/session@1';

export interface SavedSession {
  scenario: Scenario;
  presetId: string | null;
  step: number;
  savedAt: number;
}

let cached: { scenario: Scenario; json: string } | null = null;

/** Stepping saves often; the scenario (maybe 100,000 actions) is serialized once per change. */
export function serializeSession(s: SavedSession): string {
  if (cached?.scenario !== s.scenario)
    cached = { scenario: s.scenario, json: JSON.stringify(s.scenario) };
  const rest = JSON.stringify({ presetId: s.presetId, step: s.step, savedAt: s.savedAt });
  return `{"scenario":${cached.json},${rest.slice(1)}`;
}

/** Read back a saved session; anything unexpected is no session (it is re-validated on load). */
export function parseSavedSession(text: string | null): SavedSession | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as Partial<SavedSession>;
    if (typeof v !== 'object' || v === null || typeof v.scenario !== 'object' || !v.scenario)
      return null;
    return {
      scenario: v.scenario,
      presetId: typeof v.presetId === 'string' ? v.presetId : null,
      step: Number.isInteger(v.step) && (v.step as number) >= 0 ? (v.step as number) : 0,
      savedAt: typeof v.savedAt === 'number' ? v.savedAt : 0,
    };
  } catch {
    return null;
  }
}

/** Worth offering back: anything but the lesson the app opens with anyway, at its start. */
export function worthRestoring(s: SavedSession, defaultPresetId: string): boolean {
  return !(s.presetId === defaultPresetId && s.step === 0);
}

export function describeAge(savedAt: number, now: number): string {
  const min = Math.round((now - savedAt) / 60_000);
  if (min < 1) return 'just now';
  if (min < 60) return `${min} min ago`;
  const h = Math.round(min / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.round(h / 24)} days ago`;
}
