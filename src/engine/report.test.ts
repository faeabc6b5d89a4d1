// The state part of the result document: the keys each format prints, and reportPage's reuse of
// an earlier line only when that line says the same about the same page.
import { describe, expect, it } from 'vitest';
import { SCENARIO_FORMAT_V2, type Action } from '../scenario/types.ts';
import { createTimeline } from '../timeline/timeline.ts';
import { reportDevices, reportHostFrames, reportPage } from './report.ts';
import type { World } from './state.ts';

// cxl0 (coherent) and gpu0; pages 0–1 written, 2–3 untouched.
function timeline(actions: Action[]) {
  return createTimeline({
    format: SCENARIO_FORMAT_V2,
    config: {
      hostFrames: 8,
      devices: [
        { name: 'cxl0', frames: 4, memory: 'coherent' },
        { name: 'gpu0', frames: 4 },
      ],
    },
    actions: [
      { op: 'mmap', start: 0, count: 4, prot: 'rw' },
      { op: 'cpu_write', start: 0, count: 2, values: [1, 2] },
      ...actions,
    ],
  });
}
const last = (tl: ReturnType<typeof timeline>): World => tl.seek(tl.summary().count - 1).world;
const action = (tl: ReturnType<typeof timeline>, i: number) =>
  tl.summary().actions.find((a) => a.i === i)!;

describe('the state report', () => {
  it('prints the result@1 keys of devices and host frames, and the @2 ones after them', () => {
    const w = last(timeline([{ op: 'pin', start: 0 }]));
    expect(Object.keys(reportDevices(w)[0])).toEqual([
      'name',
      'frames',
      'free',
      'pageTable',
      'seq',
      'allocated',
    ]);
    expect(Object.keys(reportDevices(w, true)[0])).toEqual([
      'name',
      'frames',
      'free',
      'pageTable',
      'seq',
      'allocated',
      'memory',
      'driver',
      'pinned',
    ]);
    expect(reportHostFrames(w)).toEqual({ total: 8, free: 6 });
    expect(reportHostFrames(w, true)).toEqual({ total: 8, free: 6, pinned: 1 });
  });

  it('reuses an earlier line only for the same page saying the same', () => {
    const w = last(timeline([]));
    const pages = w.procs[1].pages;
    const two = reportPage(w, 1, 2, pages[2], false);
    expect(reportPage(w, 1, 2, pages[2], false, two)).toBe(two);
    // Page 3 says all that page 2 says but its number.
    expect(reportPage(w, 1, 3, pages[3], false, two)).toEqual({ ...two, page: 3 });
  });

  it('does not reuse a line once the frame is pinned', () => {
    const tl = timeline([{ op: 'pin', start: 0, longterm: false }]);
    const before = tl.seek(action(tl, 1).last).world;
    const after = last(tl);
    const prev = reportPage(before, 1, 0, before.procs[1].pages[0], true);
    expect(prev.pinned).toBe(false);
    const now = reportPage(after, 1, 0, after.procs[1].pages[0], true, prev);
    expect(now).toEqual({ ...prev, pinned: true });
  });

  it('a migration entry reports the pins of the frame it is moving', () => {
    // A long-term pin of a page in coherent memory another pin holds: the page is unmapped for
    // migrate_device_coherent_folio while the first pin stays on cxl0's frame.
    const tl = timeline([
      { op: 'migrate_to_device', device: 'cxl0', start: 0 },
      { op: 'pin', start: 0, longterm: false },
      { op: 'pin', start: 0 },
    ]);
    const { first, last: end } = action(tl, 4);
    let found = 0;
    for (let i = first; i <= end; i++) {
      const w = tl.seek(i).world;
      const v = w.procs[1].pages[0];
      if (v.state !== 'migration' || v.loc !== 0) continue;
      found++;
      expect(w.devices[0].frames[v.frame].pins).toBe(1);
      expect(reportPage(w, 1, 0, v, true)).toMatchObject({
        cpu: 'present',
        location: 'cxl0',
        pinned: true,
      });
    }
    expect(found).toBeGreaterThan(0);
  });
});

describe('the value of a migration entry', () => {
  it('is its source frame’s: a host frame going to a device, a device frame coming home', () => {
    const tl = createTimeline({
      format: SCENARIO_FORMAT_V2,
      config: { hostFrames: 8, devices: [{ name: 'gpu0', frames: 4 }] },
      actions: [
        { op: 'mmap', start: 0, count: 2, prot: 'rw' },
        { op: 'cpu_write', start: 0, count: 2, values: [7, 9] },
        { op: 'migrate_to_device', device: 'gpu0', start: 0 },
        { op: 'migrate_to_host', device: 'gpu0', start: 0 },
      ],
    });
    const seen = { host: 0, device: 0 };
    for (let i = 0; i < tl.summary().count; i++) {
      const w = tl.seek(i).world;
      const v = w.procs[1].pages[0];
      if (v?.state !== 'migration') continue;
      seen[v.dev < 0 ? 'host' : 'device']++;
      expect(reportPage(w, 1, 0, v, false).value).toBe(7);
    }
    expect(seen.host).toBeGreaterThan(0);
    expect(seen.device).toBeGreaterThan(0);
  });
});
