import { describe, expect, it } from 'vitest';
import { createTimeline } from '../timeline/timeline.ts';
import { decodeLink, encodeLink, presetLink } from './link.ts';
import { firstDifference, groupSize } from './linkDigest.ts';
import { findPreset } from './presets/index.ts';
import type { Scenario } from './types.ts';

const cpuTouch = findPreset('cpu-touch')!.scenario;

describe('the run digest links carry', () => {
  it('h is the first 8 hex digits of the traceHash, one character per action and the registration', () => {
    const t = createTimeline(cpuTouch);
    const d = t.digest();
    expect(d.h).toBe(t.summary().traceHash!.slice(0, 8));
    expect(d.actions).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(d.actions).toHaveLength(cpuTouch.actions.length + 1);
  });

  it('parts where the runs part: the first action whose results differ', () => {
    const changed: Scenario = {
      ...cpuTouch,
      actions: cpuTouch.actions.map((a, i) => (i === 2 ? { ...a, count: 4 } : a)),
    } as Scenario;
    const a = createTimeline(cpuTouch).digest();
    const b = createTimeline(changed).digest();
    expect(b.h).not.toBe(a.h);
    expect(b.actions.slice(0, 3)).toBe(a.actions.slice(0, 3));
    expect(firstDifference(a.actions, b.actions, cpuTouch.actions.length)).toEqual({
      from: 2,
      to: 2,
    });
  });

  it('groups actions past 64 characters and names a range', () => {
    expect(groupSize(64)).toBe(1);
    expect(groupSize(1025)).toBe(17);
    const now = 'A'.repeat(61);
    const linked = 'A'.repeat(3) + 'B' + 'A'.repeat(57);
    expect(firstDifference(linked, now, 1024)).toEqual({ from: 50, to: 66 });
    expect(firstDifference(now, now, 1024)).toBeNull();
    expect(firstDifference('AB', 'ABC', 2)).toBeNull();
    expect(firstDifference('BA', 'AA', 1)).toEqual({ from: -1, to: -1 });
  });
});

describe('links with a digest', () => {
  const d = { h: '0123abcd', actions: 'AbC-_9' };

  it('put step first, then h and ha, and read them back', () => {
    const s = findPreset('first-migration')!.scenario;
    const link = encodeLink(s, 7, d);
    expect(link).toMatch(/&step=7&h=0123abcd&ha=AbC-_9$/);
    expect(decodeLink(link)).toMatchObject({
      ok: true,
      step: 7,
      digest: { h: d.h, actions: d.actions },
    });
    expect(decodeLink(link + '&embed=1')).toMatchObject({ embed: true, digest: { h: d.h } });
    expect(presetLink('cpu-touch', 3, d)).toBe('#preset/cpu-touch&step=3&h=0123abcd&ha=AbC-_9');
    expect(decodeLink(presetLink('cpu-touch', 3, d))).toMatchObject({
      kind: 'preset',
      step: 3,
      digest: d,
    });
  });

  it('opens links without a digest as before, and ignores a digest that is not ours', () => {
    expect(decodeLink('#preset/cpu-touch&step=3')).toEqual({
      ok: true,
      kind: 'preset',
      id: 'cpu-touch',
      step: 3,
      embed: false,
    });
    for (const bad of ['&h=xyz', '&h=0123ABCD', '&h=0123abcd0', '&h='])
      expect(decodeLink(`#preset/cpu-touch${bad}`)).not.toHaveProperty('digest');
    expect(decodeLink('#preset/cpu-touch&h=0123abcd&ha=!!')).toMatchObject({
      digest: { h: '0123abcd' },
    });
    expect(decodeLink('#preset/cpu-touch&h=0123abcd&ha=!!')).not.toHaveProperty('digest.actions');
  });
});
