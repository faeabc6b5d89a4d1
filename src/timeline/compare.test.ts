import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenarioArb } from '../engine/oracle/arbitraries.ts';
import { applyWhatIf, alignWhatIf } from '../scenario/whatif.ts';
import { PRESETS } from '../scenario/presets/index.ts';
import type { Scenario } from '../scenario/types.ts';
import { createComparison } from './compare.ts';
import { diffStates, stateOfWorld } from './diff.ts';
import { createTimeline, type Timeline } from './timeline.ts';

/** Past 512 pages: a view lists only the differing pages (300 of 600 differ at step 2). */
const big: Scenario = {
  format: 'hmm-lab/scenario@1',
  title: 'big',
  config: { hostFrames: 600, devices: [{ name: 'gpu0', frames: 600 }] },
  actions: [
    { op: 'mmap', start: 0, count: 600, prot: 'rw' },
    { op: 'cpu_write', start: 0, count: 600, value: 5 },
    { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 300 },
  ],
};

/** What a compare step must equal: both worlds copied and reported afresh, then diffed. */
function fresh(t: Timeline, waypoint: number) {
  return stateOfWorld(t.seek(waypoint).world);
}

/** Steps the comparison in the order given and checks every point against a fresh one. */
function check(a: Scenario, b: Scenario, order: number[]) {
  const ta = createTimeline(a);
  const tb = createTimeline(b);
  const cmp = createComparison(ta, tb);
  const ra = createTimeline(a);
  const rb = createTimeline(b);
  for (const k of order) {
    const p = cmp.at(k);
    const l = fresh(ra, p.left.index);
    const r = fresh(rb, p.right.index);
    expect(p.left.pages).toEqual(l.pages);
    expect(p.right.pages).toEqual(r.pages);
    expect(p.diff).toEqual(diffStates(l, r));
  }
}

describe('createComparison, stepped by deltas', () => {
  it('every preset against itself minus one action: any step order equals a fresh diff', () => {
    for (const preset of PRESETS) {
      const s = preset.scenario;
      if (s.actions.length === 0) continue;
      const edit = { kind: 'delete' as const, at: Math.floor(s.actions.length / 2) };
      const b = applyWhatIf(s, edit);
      const n = Math.max(s.actions.length, b.actions.length);
      const order = [-1, ...Array.from({ length: n }, (_, i) => i), n - 1, 0, n - 2, -1, 1];
      const ta = createTimeline(s);
      const tb = createTimeline(b);
      const cmp = createComparison(ta, tb, alignWhatIf(s.actions.length, b.actions.length, edit));
      const ra = createTimeline(s);
      const rb = createTimeline(b);
      for (const k of order) {
        const p = cmp.at(k);
        const l = fresh(ra, p.left.index);
        const r = fresh(rb, p.right.index);
        expect(p.diff, `${preset.id} step ${k}`).toEqual(diffStates(l, r));
        expect(p.left.pages).toEqual(l.pages);
        expect(p.right.pages).toEqual(r.pages);
      }
    }
  });

  it('runs of different configs share nothing, though their actions are the same', () => {
    const s = PRESETS.find((p) => p.id === 'device-full')!.scenario;
    const roomy: Scenario = {
      ...s,
      config: { ...s.config, devices: s.config.devices.map((d) => ({ ...d, frames: 64 })) },
    };
    const n = s.actions.length;
    check(s, roomy, [-1, ...Array.from({ length: n }, (_, i) => i)]);
    // gpu0 is full on one side only: some step shows pages in different places.
    const cmp = createComparison(createTimeline(s), createTimeline(roomy));
    const differ = Array.from({ length: n }, (_, k) => cmp.at(k).diff.pages.length);
    expect(Math.max(...differ)).toBeGreaterThan(0);
  });

  it('random scenarios, random step orders (kept steps and moved cursors agree)', () => {
    fc.assert(
      fc.property(
        scenarioArb,
        fc.nat(),
        fc.array(fc.integer({ min: -2, max: 40 }), { maxLength: 90 }),
        (s, cut, order) => {
          const b = {
            ...s,
            actions: s.actions.filter((_, i) => i !== cut % (s.actions.length + 1)),
          };
          check(s, b, order);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a big run sends only the differing pages a view lists, with the totals', () => {
    const edit = { kind: 'delete' as const, at: 2 };
    const b = applyWhatIf(big, edit);
    const cmp = createComparison(createTimeline(big), createTimeline(b), alignWhatIf(3, 2, edit));
    const list = { upTo: 512, differ: 100 };
    const full = cmp.at(2);
    const sent = cmp.at(2, list);
    expect(full.diff.pages).toHaveLength(300);
    expect(sent.diff.differ).toBe(300);
    expect(full.diff.differ).toBe(300);
    expect(sent.diff.pages).toEqual(full.diff.pages.slice(0, 100));
    const listed = new Set(sent.diff.pages.map((d) => `${d.pid}/${d.page}`));
    for (const side of ['left', 'right'] as const) {
      expect(sent[side].pageCount).toBe(600);
      expect(sent[side].pages).toEqual(
        full[side].pages.filter((p) => listed.has(`${p.pid}/${p.page}`)),
      );
    }
    // The kept step is not trimmed, and a small run is sent whole.
    expect(cmp.at(2).diff.pages).toHaveLength(300);
    const small = createComparison(createTimeline(big), createTimeline(b));
    expect(small.at(2, { upTo: 1000, differ: 10 })).toEqual(small.at(2));
  });

  it('a step first asked for a short list serves a longer one (Show more) and the whole diff', () => {
    const edit = { kind: 'delete' as const, at: 2 };
    const run = () =>
      createComparison(
        createTimeline(big),
        createTimeline(applyWhatIf(big, edit)),
        alignWhatIf(3, 2, edit),
      );
    const whole = run().at(2);
    const cmp = run();
    expect(cmp.at(2, { upTo: 512, differ: 10 }).diff.pages).toEqual(whole.diff.pages.slice(0, 10));
    const more = cmp.at(2, { upTo: 512, differ: 200 });
    expect(more.diff.pages).toEqual(whole.diff.pages.slice(0, 200));
    expect(more.left.pages).toHaveLength(200);
    expect(cmp.at(2)).toEqual(whole);
  });
});
