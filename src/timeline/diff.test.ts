import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenarioArb } from '../engine/oracle/arbitraries.ts';
import type { PageReport } from '../engine/result.ts';
import { diffPages, diffStates, findParting, stateOfWorld, statesDiffer } from './diff.ts';
import { createTimeline } from './timeline.ts';

const page = (p: number, cpu: PageReport['cpu'], value = 0): PageReport => ({
  pid: 1,
  page: p,
  cpu,
  writable: cpu === 'present',
  location: cpu === 'none' ? 'none' : cpu === 'device-private' ? 'gpu0' : 'host',
  value,
});

describe('diffPages', () => {
  it('lists only the pages that differ, with the fields that do, merged in order', () => {
    const a = [page(0, 'present', 1), page(1, 'present', 2), page(3, 'zero')];
    const b = [page(0, 'present', 1), page(1, 'device-private', 2), page(2, 'present')];
    const { pages: d, count } = diffPages(a, b);
    expect(count).toBe(3);
    expect(d.map((p) => [p.page, p.differ])).toEqual([
      [1, ['cpu', 'location', 'writable']],
      [2, ['cpu', 'location', 'value', 'writable']],
      [3, ['cpu', 'location', 'value', 'writable']],
    ]);
    expect(d[1].left).toBeNull();
    expect(d[2].right).toBeNull();
  });

  it('with a limit, lists the first differing pages and still counts them all', () => {
    const a = [0, 1, 2, 3, 4].map((n) => page(n, 'present', 1));
    const b = [0, 1, 2, 3, 4].map((n) => page(n, n === 0 ? 'present' : 'zero', 1));
    const { pages, count } = diffPages(a, b, 2);
    expect(count).toBe(4);
    expect(pages.map((p) => p.page)).toEqual([1, 2]);
    expect(diffPages(a, b, 0)).toEqual({ pages: [], count: 4 });
  });
});

describe('diffStates and findParting over real runs', () => {
  it('a run against itself: no parting, nothing differs', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const a = createTimeline(s);
        const b = createTimeline(s);
        const view = (t: typeof a) => ({ count: t.count, at: (i: number) => t.waypoint(i) });
        expect(findParting(view(a), view(b))).toBeNull();
        const end = (t: typeof a) => stateOfWorld(t.seek(t.count - 1).world);
        expect(statesDiffer(diffStates(end(a), end(b)))).toBe(false);
      }),
      { numRuns: 40 },
    );
  });

  it('two runs: the state diff matches the reports, the parting is the first differing waypoint', () => {
    fc.assert(
      fc.property(scenarioArb, fc.nat(), (s1, k) => {
        // The what-if shape: the same scenario with one action deleted.
        const cut = k % (s1.actions.length + 1);
        const a = createTimeline(s1);
        const b = createTimeline({ ...s1, actions: s1.actions.filter((_, i) => i !== cut) });
        const ra = a.report({ trace: true });
        const rb = b.report({ trace: true });
        const d = diffStates(ra, rb);
        const key = (p: PageReport) => `${p.pid}/${p.page}`;
        const same = (p: PageReport, q: PageReport | undefined) =>
          q &&
          p.cpu === q.cpu &&
          p.location === q.location &&
          p.value === q.value &&
          p.writable === q.writable;
        const expected = new Set([
          ...ra.pages
            .filter(
              (p) =>
                !same(
                  p,
                  rb.pages.find((q) => key(q) === key(p)),
                ),
            )
            .map(key),
          ...rb.pages.filter((p) => !ra.pages.some((q) => key(q) === key(p))).map(key),
        ]);
        expect(new Set(d.pages.map((p) => `${p.pid}/${p.page}`))).toEqual(expected);
        for (const c of d.counters) expect(c.delta).toBe(c.right! - c.left!);
        const view = (r: typeof ra) => ({ count: r.waypoints, at: (i: number) => r.trace![i] });
        const part = findParting(view(ra), view(rb));
        const line = (w: { action: number; fn: string; text: string }) =>
          `${w.action} ${w.fn} ${w.text}`;
        if (ra.traceHash === rb.traceHash) expect(part).toBeNull();
        else {
          expect(part).not.toBeNull();
          for (let i = 0; i < part!.seq; i++) expect(line(ra.trace![i])).toBe(line(rb.trace![i]));
        }
      }),
      { numRuns: 40 },
    );
  });
});
