// Flows Q and R: eviction of the oldest chunk under VRAM pressure (and on release), the CPU
// touch that brings a whole chunk home, the svm device's own MMU_NOTIFY_MIGRATE, and munmap
// with the garbage collector at the end of the action.
import { describe, expect, it } from 'vitest';
import { ZERO_COUNTERS } from '../state.ts';
import { runSvm, XE } from '../selftests/svm.ts';
import type { Action, ScenarioConfig } from '../../scenario/types.ts';

const TWELVE: Action[] = [
  { op: 'mmap', start: 0, count: 12, prot: 'rw' },
  { op: 'cpu_write', start: 0, count: 12, values: [...Array(12).keys()].map((k) => 100 + k) },
];
const read = (start: number, device = 'xe0'): Action => ({
  op: 'dev_read',
  device,
  start,
  count: 1,
});
const chunksOf = (r: ReturnType<typeof runSvm>, name = 'xe0') =>
  r.devices.find((d) => d.name === name)!.chunks!.map((c) => c.start);

describe('flow Q: VRAM full — the oldest chunk is evicted', () => {
  it('evicts the LRU head to make room, keeping the data, and leaves the range unbound', () => {
    const r = runSvm([...TWELVE, read(0), read(4), read(8)], XE);
    expect(chunksOf(r)).toEqual([4, 8]);
    expect(r.pages.slice(0, 4).map((p) => [p.cpu, p.value])).toEqual([
      ['present', 100],
      ['present', 101],
      ['present', 102],
      ['present', 103],
    ]);
    expect(r.counters).toMatchObject({ pagesEvicted: 4, pagesToHost: 4, pageFree: 4 });
    expect(r.devices[0].pageTable.map((e) => e.page)).toEqual([4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('orders the LRU by allocation, not by use: touching the oldest chunk does not save it', () => {
    const r = runSvm([...TWELVE, read(0), read(4), read(1), read(8)], XE);
    expect(chunksOf(r)).toEqual([4, 8]);
  });

  it('chunks of every process compete: a fork child evicts its parent', () => {
    const r = runSvm(
      [
        ...TWELVE,
        read(0),
        read(4),
        { op: 'fork' },
        { op: 'mmap', start: 20, count: 4, prot: 'rw', pid: 2 },
        { op: 'dev_read', device: 'xe0', start: 20, count: 1, pid: 2 },
      ],
      XE,
    );
    expect(r.devices[0].chunks).toEqual([
      { pid: 1, start: 4, count: 4 },
      { pid: 2, start: 20, count: 4 },
    ]);
  });

  it('an eviction without host RAM for the whole chunk fails, and so does the allocation', () => {
    // Host RAM: 3 frames. Chunk 0–3 cannot go home (4 pages), so the fault on page 4 gets no
    // VRAM and mirrors system memory — where hmm_range_fault runs out of frames: EFAULT.
    const tight: ScenarioConfig = {
      hostFrames: 3,
      devices: [{ name: 'xe0', frames: 4, driver: 'svm', chunk: 4 }],
    };
    const r = runSvm(
      [
        { op: 'mmap', start: 0, count: 8, prot: 'rw' },
        { op: 'dev_write', device: 'xe0', start: 0, count: 1, value: 7 },
        { op: 'dev_write', device: 'xe0', start: 4, count: 1, value: 8 },
      ],
      tight,
    );
    expect(r.results[2]).toMatchObject({ status: 'EFAULT', cpages: 0, faults: 0 });
    expect(chunksOf(r)).toEqual([0]);
    expect(r.pages[0]).toMatchObject({ cpu: 'device-private', value: 7 });
    expect(r.counters.pagesEvicted).toBe(0);
  });

  it('release evicts every chunk, oldest first', () => {
    const r = runSvm([...TWELVE, read(4), read(0), { op: 'release', device: 'xe0' }], XE, true);
    expect(r.results[4]).toMatchObject({ status: 'ok', cpages: 8 });
    expect(r.devices[0]).toMatchObject({ free: 8, chunks: [], pageTable: [] });
    const evicted = r.trace!.filter((t) => t.fn === 'ttm_bo_evict').map((t) => t.text);
    expect(evicted[0]).toContain('pages 4–7');
    expect(evicted[1]).toContain('pages 0–3');
    expect(r.counters.pagesEvicted).toBe(8);
  });
});

describe('flow R: the CPU and the svm device', () => {
  it('a CPU touch of one page brings the whole chunk home in one migrate_to_ram', () => {
    const r = runSvm([...TWELVE, read(0), { op: 'cpu_read', start: 2, count: 1 }], XE);
    expect(r.results[3]).toMatchObject({ status: 'ok', values: [102] });
    expect(r.pages.slice(0, 4).every((p) => p.cpu === 'present')).toBe(true);
    expect(r.devices[0]).toMatchObject({ free: 8, chunks: [], pageTable: [] });
    // Every counter, @2's included: one fault (the read), one call, four pages each way.
    expect(r.counters).toEqual({
      ...ZERO_COUNTERS,
      ...{
        cpuFaults: 13,
        deviceFaults: 1,
        migrateToRam: 1,
        pagesToDevice: 4,
        pagesToHost: 4,
        pageFree: 4,
        invalidations: 2,
      },
    });
  });

  it('acts on its own MMU_NOTIFY_MIGRATE: every overlapping range is unbound, and counted', () => {
    const r = runSvm([...TWELVE, read(0)], XE, true);
    const own = r.trace!.find((t) => t.fn === 'xe_svm_invalidate')!;
    expect(own.text).toContain('does not skip it');
    expect(r.counters.invalidations).toBe(1);
  });

  it('without host RAM for the chunk nothing moves and the access fails with ENOMEM', () => {
    const tight: ScenarioConfig = {
      hostFrames: 2,
      devices: [{ name: 'xe0', frames: 4, driver: 'svm', chunk: 4 }],
    };
    const r = runSvm(
      [
        { op: 'mmap', start: 0, count: 8, prot: 'rw' },
        { op: 'dev_write', device: 'xe0', start: 0, count: 4, value: 9 },
        { op: 'cpu_write', start: 4, count: 1, value: 1 },
        { op: 'cpu_write', start: 5, count: 1, value: 1 },
        { op: 'cpu_read', start: 0, count: 1 },
      ],
      tight,
    );
    expect(r.results[4].status).toBe('ENOMEM');
    expect(chunksOf(r)).toEqual([0]);
    expect(r.counters.pagesToHost).toBe(0);
  });

  it('munmap of a whole range frees its pages; the chunk goes with the last one', () => {
    const r = runSvm([...TWELVE, read(0), { op: 'munmap', start: 0, count: 4 }], XE);
    expect(r.devices[0]).toMatchObject({ free: 8, chunks: [] });
    expect(r.counters).toMatchObject({ pageFree: 4, pagesToHost: 0, migrateToRam: 0 });
  });

  it('a partial munmap: the garbage collector brings the rest home, then removes the range', () => {
    const r = runSvm([...TWELVE, read(0), { op: 'munmap', start: 1, count: 1 }, read(2)], XE, true);
    const gc = r.trace!.filter((t) => t.action === 3).map((t) => t.fn);
    expect(gc.indexOf('xe_svm_garbage_collector')).toBeGreaterThan(gc.indexOf('zap_pte_range'));
    expect(gc).toContain('drm_gpusvm_range_evict');
    expect(gc.at(-1)).toBe('drm_gpusvm_range_remove');
    // Pages 0 and 2–3 are separate VMAs now: two migrate_to_ram calls, one page freed by the zap.
    expect(r.counters).toMatchObject({ migrateToRam: 2, pagesToHost: 3, pageFree: 4 });
    // The next fault makes a new range inside the new VMA (pages 2–3).
    expect(r.devices[0].chunks).toEqual([{ pid: 1, start: 2, count: 2 }]);
  });

  it('the garbage collector is about the device; each range it removes, about its pages', () => {
    const r = runSvm([...TWELVE, read(0), { op: 'munmap', start: 1, count: 1 }], XE, true);
    const steps = r.trace!.filter(
      (t) =>
        t.action === 3 &&
        (t.fn === 'xe_svm_garbage_collector' || t.fn === 'drm_gpusvm_range_remove'),
    );
    expect(steps.map((t) => t.subject)).toEqual([
      { device: 'xe0' },
      { pid: 1, pages: [0, 4], device: 'xe0' },
    ]);
  });

  it('two GPUs thrash over one buffer: each fault pulls the other chunk home first', () => {
    const two: ScenarioConfig = {
      hostFrames: 32,
      devices: [
        { name: 'xe0', frames: 8, driver: 'svm', chunk: 4 },
        { name: 'xe1', frames: 8, driver: 'svm', chunk: 4 },
      ],
    };
    const w = (device: string, value: number): Action => ({
      op: 'dev_write',
      device,
      start: 0,
      count: 4,
      value,
    });
    const r = runSvm([...TWELVE, w('xe0', 1), w('xe1', 2), w('xe0', 3), w('xe1', 4)], two);
    // xe1 cannot collect xe0's private pages: its migration aborts, hmm_range_fault brings the
    // chunk home through xe0's migrate_to_ram, and xe1 mirrors host memory; the next xe0 fault
    // migrates them again.
    expect(r.pages.slice(0, 4).map((p) => p.value)).toEqual([4, 4, 4, 4]);
    expect(r.counters.migrateToRam).toBeGreaterThanOrEqual(1);
    expect(r.counters.pagesToDevice).toBeGreaterThanOrEqual(8);
  });
});
