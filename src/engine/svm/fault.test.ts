// Flows O and P: an svm device registers without a free list, and a GPU fault binds a whole
// GPU SVM range, migrating it to VRAM first when it can (all or nothing).
import { describe, expect, it } from 'vitest';
import { runSvm, XE } from '../selftests/svm.ts';
import type { Action, ScenarioConfig } from '../../scenario/types.ts';

const WITH_GPU0: ScenarioConfig = {
  hostFrames: 32,
  devices: [{ name: 'gpu0', frames: 8 }, ...XE.devices],
};
const EIGHT: Action[] = [
  { op: 'mmap', start: 0, count: 8, prot: 'rw' },
  { op: 'cpu_write', start: 0, count: 8, values: [10, 11, 12, 13, 14, 15, 16, 17] },
];
const where = (r: ReturnType<typeof runSvm>) =>
  r.pages.map((p) => `${p.page}:${p.cpu === 'device-private' ? p.location : p.cpu}`).join(' ');
const xe = (r: ReturnType<typeof runSvm>) => {
  const d = r.devices.find((x) => x.name === 'xe0')!;
  return { ...d, chunks: d.chunks ?? [] };
};

describe('flow O: registering an svm device', () => {
  it('builds no free list: TTM VRAM, all free, and the range sizes', () => {
    const r = runSvm([], XE, true);
    expect(r.trace!.map((t) => t.fn)).toEqual([
      'devm_memremap_pages',
      'drm_pagemap_init',
      'drm_gpusvm_init',
      'mmu_interval_notifier_insert',
    ]);
    expect(r.trace![2].text).toContain('4, 2, 1 pages');
    expect(r.devices[0]).toMatchObject({ free: 8, chunks: [] });
  });
});

describe('flow P: a GPU fault migrates a whole range', () => {
  it('one fault at page 1 moves pages 0–3 as one chunk and binds all four', () => {
    const r = runSvm([...EIGHT, { op: 'dev_read', device: 'xe0', start: 1, count: 2 }], XE);
    expect(r.results[2]).toMatchObject({ status: 'ok', cpages: 2, faults: 1, values: [11, 12] });
    expect(where(r)).toBe('0:xe0 1:xe0 2:xe0 3:xe0 4:present 5:present 6:present 7:present');
    expect(xe(r).chunks).toEqual([{ pid: 1, start: 0, count: 4 }]);
    expect(xe(r).free).toBe(4);
    expect(xe(r).pageTable.map((e) => [e.page, e.target, e.writable])).toEqual([
      [0, 'xe0', true],
      [1, 'xe0', true],
      [2, 'xe0', true],
      [3, 'xe0', true],
    ]);
    expect(r.counters).toMatchObject({ deviceFaults: 1, pagesToDevice: 4, pagesToHost: 0 });
  });

  it('takes one fault per range the access crosses', () => {
    const r = runSvm(
      [...EIGHT, { op: 'dev_write', device: 'xe0', start: 2, count: 4, value: 5 }],
      XE,
    );
    expect(r.results[2]).toMatchObject({ status: 'ok', cpages: 4, faults: 2 });
    expect(xe(r).chunks).toEqual([
      { pid: 1, start: 0, count: 4 },
      { pid: 1, start: 4, count: 4 },
    ]);
    expect(r.pages.map((p) => p.value)).toEqual([10, 11, 5, 5, 5, 5, 16, 17]);
  });

  it('picks a smaller aligned block where the larger one leaves the VMA', () => {
    const r = runSvm(
      [
        { op: 'mmap', start: 0, count: 3, prot: 'rw' },
        { op: 'dev_read', device: 'xe0', start: 2, count: 1 },
        { op: 'dev_read', device: 'xe0', start: 0, count: 1 },
      ],
      XE,
    );
    expect(xe(r).chunks).toEqual([
      { pid: 1, start: 2, count: 1 },
      { pid: 1, start: 0, count: 2 },
    ]);
  });

  it('never overlaps a range it already has', () => {
    const r = runSvm(
      [
        { op: 'mmap', start: 0, count: 3, prot: 'rw' },
        { op: 'dev_read', device: 'xe0', start: 2, count: 1 },
        { op: 'mmap', start: 3, count: 5, prot: 'rw' },
        { op: 'dev_read', device: 'xe0', start: 3, count: 1 },
      ],
      XE,
    );
    // mmap at 3 is a separate VMA (same prot): the model joins them, and [0,4) and [2,4)
    // overlap the range at page 2, so page 3 gets a range of its own.
    expect(xe(r).chunks.map((c) => [c.start, c.count])).toEqual([
      [2, 1],
      [3, 1],
    ]);
  });

  it('ENOENT without a VMA, EPERM for a VMA that is not read-write — even for a read', () => {
    const r = runSvm(
      [
        { op: 'mmap', start: 0, count: 4, prot: 'r' },
        { op: 'mmap', start: 4, count: 1, prot: 'none' },
        { op: 'dev_read', device: 'xe0', start: 8, count: 1 },
        { op: 'dev_read', device: 'xe0', start: 0, count: 1 },
        { op: 'dev_write', device: 'xe0', start: 4, count: 1, value: 1 },
      ],
      XE,
    );
    expect(r.results.slice(2).map((x) => x.status)).toEqual(['ENOENT', 'EPERM', 'EPERM']);
    expect(r.counters.deviceFaults).toBe(0);
  });

  it('mirrors a shared VMA in place: shmem never migrates', () => {
    const r = runSvm(
      [
        { op: 'mmap', start: 0, count: 4, prot: 'rw', shared: true },
        { op: 'dev_write', device: 'xe0', start: 0, count: 4, value: 3 },
      ],
      XE,
    );
    expect(xe(r).chunks).toEqual([]);
    expect(xe(r).pageTable.every((e) => e.target === 'host' && e.writable)).toBe(true);
    expect(r.counters.pagesToDevice).toBe(0);
  });

  it('a page it cannot collect aborts the whole migration: the chunk is freed, the range mirrored', () => {
    const r = runSvm(
      [
        ...EIGHT,
        { op: 'migrate_to_device', device: 'gpu0', start: 1, count: 1 },
        { op: 'dev_read', device: 'xe0', start: 0, count: 4 },
      ],
      WITH_GPU0,
      true,
    );
    expect(r.results[3]).toMatchObject({ status: 'ok', values: [10, 11, 12, 13], faults: 1 });
    const fns = r.trace!.filter((t) => t.action === 3).map((t) => t.fn);
    expect(fns).toContain('xe_bo_create_locked');
    expect(fns).toContain('xe_svm_devmem_release');
    // get_pages then pulled page 1 home from gpu0 through its migrate_to_ram.
    expect(r.pages.slice(0, 4).map((p) => p.location)).toEqual(['host', 'host', 'host', 'host']);
    expect(r.devices[1]).toMatchObject({ free: 8, chunks: [] });
    expect(r.devices[1].pageTable.map((e) => e.target)).toEqual(['host', 'host', 'host', 'host']);
    expect(r.counters).toMatchObject({ migrateToRam: 1, pagesToDevice: 1, pagesToHost: 1 });
  });

  it('fail_next_alloc and a chunk larger than VRAM fall back to system memory, evicting nothing', () => {
    const small: ScenarioConfig = {
      hostFrames: 32,
      devices: [{ name: 'xe0', frames: 2, driver: 'svm', chunk: 4 }],
    };
    const r = runSvm(
      [
        ...EIGHT,
        { op: 'fail_next_alloc', device: 'xe0' },
        { op: 'dev_read', device: 'xe0', start: 0, count: 1 },
      ],
      XE,
    );
    expect(xe(r).chunks).toEqual([]);
    expect(xe(r).pageTable).toHaveLength(4);
    const big = runSvm([...EIGHT, { op: 'dev_read', device: 'xe0', start: 0, count: 1 }], small);
    expect(xe(big).chunks).toEqual([]);
    expect(big.counters.pagesEvicted).toBe(0);
  });

  it('reuses an evicted range and migrates it again as a new chunk at the tail', () => {
    const r = runSvm(
      [
        ...EIGHT,
        { op: 'dev_read', device: 'xe0', start: 0, count: 1 },
        { op: 'cpu_read', start: 0, count: 1 },
        { op: 'dev_read', device: 'xe0', start: 0, count: 1 },
      ],
      XE,
    );
    expect(xe(r).chunks).toEqual([{ pid: 1, start: 0, count: 4 }]);
    expect(r.counters).toMatchObject({ pagesToDevice: 8, pagesToHost: 4, migrateToRam: 1 });
  });
});

describe('flow P with pins (M/N)', () => {
  it('a pinned page makes the whole migration fall back to system memory', () => {
    const r = runSvm(
      [
        ...EIGHT,
        { op: 'pin', start: 2, count: 1 },
        { op: 'dev_write', device: 'xe0', start: 0, count: 4, value: 9 },
        { op: 'unpin', pin: 1 },
        { op: 'dev_read', device: 'xe0', start: 0, count: 1 },
      ],
      XE,
      true,
    );
    expect(r.results[3]).toMatchObject({ status: 'ok', cpages: 4, faults: 1 });
    const aborted = r.trace!.filter((t) => t.action === 3).map((t) => t.text);
    expect(aborted.some((t) => t.includes('page 2 is pinned'))).toBe(true);
    // After the fallback the range is bound to host pages; the unpin changes nothing for it.
    expect(r.pages.slice(0, 4).map((p) => p.cpu)).toEqual([
      'present',
      'present',
      'present',
      'present',
    ]);
    expect(r.counters.pagesToDevice).toBe(0);
    expect(xe(r).chunks).toEqual([]);
  });

  it('once unpinned, the next GPU fault on the range migrates it', () => {
    // The fallback left the range bound to host pages: only an invalidation (here a
    // protection change) unbinds it, so that the GPU faults on it again.
    const r = runSvm(
      [
        ...EIGHT,
        { op: 'pin', start: 2, count: 1 },
        { op: 'dev_read', device: 'xe0', start: 0, count: 1 },
        { op: 'unpin', pin: 1 },
        { op: 'dev_read', device: 'xe0', start: 0, count: 1 },
        { op: 'mprotect', start: 3, count: 1, prot: 'r' },
        { op: 'mprotect', start: 3, count: 1, prot: 'rw' },
        { op: 'dev_read', device: 'xe0', start: 0, count: 1 },
      ],
      XE,
    );
    expect(r.results[5]).toMatchObject({ faults: 0 });
    expect(r.results[8]).toMatchObject({ faults: 1 });
    expect(xe(r).chunks).toEqual([{ pid: 1, start: 0, count: 4 }]);
    expect(r.counters.pagesToDevice).toBe(4);
  });
});
