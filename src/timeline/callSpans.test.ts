import { describe, expect, it } from 'vitest';
import { PRESETS, findPreset } from '../scenario/presets/index.ts';
import type { SwimlaneData } from './callSpans.ts';
import { swimlaneOf } from './swimlaneOf.ts';
import { createTimeline } from './timeline.ts';

const lanesOf = (id: string) => swimlaneOf(createTimeline(findPreset(id)!.scenario));

function checkNesting(d: SwimlaneData) {
  const n = d.start.length;
  const covered = new Uint8Array(d.count);
  for (let s = 0; s < n; s++) {
    expect(d.start[s]).toBeLessThanOrEqual(d.end[s]);
    for (let i = d.start[s]; i <= d.end[s]; i++) covered[i] = 1;
    const up = d.parent[s];
    if (up < 0) continue;
    expect(up).toBeLessThan(s);
    expect(d.start[s]).toBeGreaterThanOrEqual(d.start[up]);
    expect(d.end[s]).toBeLessThanOrEqual(d.end[up]);
  }
  expect(covered.every((c) => c === 1)).toBe(true);
  // Each row (lane, level) holds disjoint spans in time order, every span in exactly one row.
  expect(d.rowStart[d.rowStart.length - 1]).toBe(n);
  for (let r = 0; r + 1 < d.rowStart.length; r++)
    for (let k = d.rowStart[r] + 1; k < d.rowStart[r + 1]; k++)
      expect(d.start[d.rowSpans[k]]).toBeGreaterThan(d.end[d.rowSpans[k - 1]]);
}

describe('swim-lane spans', () => {
  it.each(PRESETS.map((p) => p.id))(
    '%s: spans nest under their callers and cover the run',
    (id) => {
      const d = lanesOf(id);
      checkNesting(d);
      expect(d.lanes[0]).toBe(d.lanes.includes('cpu') ? 'cpu' : d.lanes[0]);
    },
  );

  it('cpu-touch: the CPU read goes CPU → mm → driver → HMM → driver', () => {
    const d = lanesOf('cpu-touch');
    expect(d.lanes).toEqual(['cpu', 'mm', 'hmm', 'driver:gpu0']);
    const read = [...d.start.keys()].find((s) => d.fns[d.fn[s]] === 'cpu_read')!;
    const inRead = [...d.start.keys()].filter(
      (s) => d.start[s] >= d.start[read] && d.end[s] <= d.end[read],
    );
    const seq = inRead.map((s) => `${d.lanes[d.lane[s]]} ${d.fns[d.fn[s]]}`);
    const at = (x: string) => seq.findIndex((s) => s.startsWith(x));
    expect(seq[0]).toBe('cpu cpu_read');
    expect(at('mm do_swap_page')).toBeGreaterThan(0);
    expect(at('driver:gpu0 migrate_to_ram')).toBeGreaterThan(at('mm do_swap_page'));
    expect(at('hmm migrate_vma_setup')).toBeGreaterThan(at('driver:gpu0 migrate_to_ram'));
    expect(at('driver:gpu0 page_free')).toBeGreaterThan(at('hmm migrate_vma_setup'));
    // migrate_to_ram is called by do_swap_page; page_free by migrate_vma_finalize.
    const span = (f: string) => inRead.find((s) => d.fns[d.fn[s]] === f)!;
    expect(d.fns[d.fn[d.parent[span('migrate_to_ram')]]]).toBe('do_swap_page');
    expect(d.fns[d.fn[d.parent[span('page_free')]]]).toBe('migrate_vma_finalize');
  });

  it('cpu-touch: the three contract crossings sit where they happen', () => {
    const d = lanesOf('cpu-touch');
    const t = createTimeline(findPreset('cpu-touch')!.scenario);
    const of = (k: number) => [...d.xSeq].filter((_, j) => d.xKind[j] === k);
    const fnAt = (seq: number) => t.waypoint(seq).fn;
    expect(of(1).map(fnAt)).toEqual(['migrate_to_ram']);
    expect(of(3).map(fnAt)).toEqual(['page_free']);
    // One zone_device_data write per page migrated to gpu0 (8), from the driver into core mm.
    expect(of(2)).toHaveLength(8);
    for (let j = 0; j < d.xSeq.length; j++)
      if (d.xKind[j] === 2) {
        expect(d.lanes[d.xFrom[j]]).toBe('driver:gpu0');
        expect(d.lanes[d.xTo[j]]).toBe('mm');
      }
    // Crossings come sorted by waypoint (the painter binary-searches them).
    expect([...d.xSeq]).toEqual([...d.xSeq].sort((a, b) => a - b));
  });
});
