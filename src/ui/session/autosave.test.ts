import { describe, expect, it } from 'vitest';
import { describeAge, parseSavedSession, serializeSession, worthRestoring } from './autosave.ts';

const scenario = {
  format: 'hmm-lab/scenario@1' as const,
  config: { hostFrames: 8, devices: [{ name: 'gpu0', frames: 4 }] },
  actions: [],
};

describe('saved sessions', () => {
  it('round-trips', () => {
    const s = { scenario, presetId: null, step: 7, savedAt: 1000 };
    expect(parseSavedSession(serializeSession(s))).toEqual(s);
  });
  it('treats garbage as no session', () => {
    expect(parseSavedSession(null)).toBeNull();
    expect(parseSavedSession('{')).toBeNull();
    expect(parseSavedSession('"x"')).toBeNull();
    expect(parseSavedSession('{"scenario":null}')).toBeNull();
    expect(parseSavedSession('{"scenario":{},"step":-3}')?.step).toBe(0);
  });
  it('offers back anything but the default lesson at step 0', () => {
    const base = { scenario, savedAt: 0 };
    expect(worthRestoring({ ...base, presetId: 'cpu-touch', step: 0 }, 'cpu-touch')).toBe(false);
    expect(worthRestoring({ ...base, presetId: 'cpu-touch', step: 4 }, 'cpu-touch')).toBe(true);
    expect(worthRestoring({ ...base, presetId: null, step: 0 }, 'cpu-touch')).toBe(true);
  });
  it('says how old it is', () => {
    expect(describeAge(0, 10_000)).toBe('just now');
    expect(describeAge(0, 5 * 60_000)).toBe('5 min ago');
    expect(describeAge(0, 3 * 3600_000)).toBe('3 h ago');
  });
});
