// fork (format v2) from hmm-tests.c: anon_write_child (with and without a prior migration) and
// exclusive_cow. The child writes through a device; the parent's copy must not change.
import { beforeEach, describe, expect, it } from 'vitest';
import type { RunReport } from '../result.ts';
import type { Action } from '../../scenario/types.ts';
import { counters, host, onDev, pagesOf, pte, ptOf, run, valuesOf } from './scenario.ts';

const child = (migrate: boolean): Action[] => [
  { op: 'mmap', start: 0, count: 4, prot: 'rw' },
  { op: 'cpu_write', start: 0, count: 4, values: [0, 1, 2, 3] },
  ...(migrate ? [{ op: 'migrate_to_device', device: 'gpu0', start: 0, count: 4 } as Action] : []),
  { op: 'fork' },
  { op: 'cpu_read', pid: 2, start: 0, count: 4 },
  { op: 'dev_write', device: 'gpu0', pid: 2, start: 0, count: 4, values: [100, 101, 102, 103] },
  { op: 'cpu_read', pid: 1, start: 0, count: 4 },
  { op: 'cpu_read', pid: 2, start: 0, count: 4 },
];

describe('anon_write_child', () => {
  it('a device write in the child copies on write; the parent keeps its values', () => {
    const r = run(child(false));
    expect(r.results[2]).toEqual({ i: 2, op: 'fork', status: 'ok', pid: 2 });
    expect(valuesOf(r, 3)).toEqual([0, 1, 2, 3]);
    expect(r.results[4]).toMatchObject({ status: 'ok', cpages: 4, faults: 1 });
    expect(valuesOf(r, 5)).toEqual([0, 1, 2, 3]);
    expect(valuesOf(r, 6)).toEqual([100, 101, 102, 103]);
    // fork's MMU_NOTIFY_PROTECTION_PAGE (1), then four COW copies each send MMU_NOTIFY_CLEAR
    // while gpu0 faults, so its walk sees a new sequence once and retries.
    expect(r.counters).toEqual(
      counters({ cpuFaults: 4, deviceFaults: 1, invalidations: 5, rangeFaultRetries: 1 }),
    );
    expect(r.hostFrames.free).toBe(32 - 8);
    expect(r.pages.map((p) => [p.pid, p.writable])).toEqual([
      [1, false],
      [1, false],
      [1, false],
      [1, false],
      [2, true],
      [2, true],
      [2, true],
      [2, true],
    ]);
  });

  it('after a migration the child touch brings each shared device page home for both', () => {
    const r = run(child(true));
    expect(r.results[2]).toMatchObject({ status: 'ok', cpages: 4, migrated: 4 });
    expect(valuesOf(r, 4)).toEqual([0, 1, 2, 3]);
    expect(r.results[5]).toMatchObject({ status: 'ok', cpages: 4, faults: 1 });
    expect(valuesOf(r, 6)).toEqual([0, 1, 2, 3]);
    expect(valuesOf(r, 7)).toEqual([100, 101, 102, 103]);
    // Each child read: one CPU fault, gpu0's migrate_to_ram (its own MIGRATE skipped), and
    // MMU_NOTIFY_CLEAR for the parent's mapping of the same device page (try_to_migrate).
    // One page_free per device page, after both mappings let go of it.
    expect(r.counters).toEqual(
      counters({
        cpuFaults: 8,
        deviceFaults: 1,
        migrateToRam: 4,
        pagesToDevice: 4,
        pagesToHost: 4,
        pageFree: 4,
        invalidations: 1 + 4 + 4,
        rangeFaultRetries: 1,
      }),
    );
    expect(r.devices[0].free).toBe(16);
  });
});

describe('migrating a page fork left read-only (hmm-model.md B.5)', () => {
  // After the child's COW write the parent's page is its alone (refcount 1) but still
  // write-protected: migrate_vma_collect_pmd sets MIGRATE_PFN_WRITE from that PTE, not from
  // the VMA, so both the device-private entry and gpu0's mirror are read-only, and a device
  // write must fault the page home and write-fault it (wp_page_reuse) before it can land.
  const migrated: Action[] = [
    { op: 'mmap', start: 0, count: 1, prot: 'rw' },
    { op: 'cpu_write', start: 0, value: 5 },
    { op: 'fork' },
    { op: 'cpu_write', pid: 2, start: 0, value: 6 },
    { op: 'migrate_to_device', device: 'gpu0', start: 0 },
  ];
  let r: RunReport;
  beforeEach(() => {
    r = run([
      ...migrated,
      { op: 'dev_write', device: 'gpu0', start: 0, value: 7 },
      { op: 'cpu_read', pid: 1, start: 0 },
      { op: 'cpu_read', pid: 2, start: 0 },
    ]);
  });

  it('migrates it read-only: the device-private entry and the device PTE keep the write bit off', () => {
    const after = run(migrated);
    expect(after.results[4]).toMatchObject({ status: 'ok', cpages: 1, migrated: 1 });
    expect(pagesOf(after)).toEqual([onDev(0, 'gpu0', 5, false)]);
    expect(ptOf(after, 'gpu0')).toEqual([pte(0, 'gpu0', 0, false)]);
  });

  it('faults it home on a device write, which then lands in the parent only', () => {
    expect(r.results[5]).toMatchObject({ status: 'ok', cpages: 1, faults: 1 });
    expect(valuesOf(r, 6)).toEqual([7]);
    expect(valuesOf(r, 7)).toEqual([6]);
    expect(r.counters).toMatchObject({ migrateToRam: 1, pagesToHost: 1, pageFree: 1 });
    expect(pagesOf(r)).toEqual([host(0, 7)]);
    expect(ptOf(r, 'gpu0')).toEqual([pte(0, 'host', 0, true)]);
  });
});

describe('exclusive_cow', () => {
  let r: RunReport;
  beforeEach(() => {
    r = run([
      { op: 'mmap', start: 0, count: 4, prot: 'rw' },
      { op: 'cpu_write', start: 0, count: 4, values: [0, 1, 2, 3] },
      { op: 'make_exclusive', device: 'gpu0', start: 0, count: 4 },
      { op: 'fork' },
      { op: 'cpu_read', start: 0, count: 4 },
      { op: 'cpu_write', start: 0, count: 4, values: [1, 2, 3, 4] },
      { op: 'cpu_read', start: 0, count: 4 },
      { op: 'cpu_read', pid: 2, start: 0, count: 4 },
      { op: 'check_exclusive', device: 'gpu0', start: 0, count: 4 },
    ]);
  });

  it('fork restores the exclusive entries and shares them copy-on-write', () => {
    expect(r.results[2]).toMatchObject({ status: 'ok', cpages: 4 });
    expect(valuesOf(r, 4)).toEqual([0, 1, 2, 3]);
    expect(valuesOf(r, 6)).toEqual([1, 2, 3, 4]);
    expect(valuesOf(r, 7)).toEqual([0, 1, 2, 3]);
    // fork's PROTECTION_PAGE call revoked gpu0's atomic mappings
    expect(r.results[8].status).toBe('ok');
    expect(r.devices[0].pageTable).toEqual([]);
  });

  it('counts 4 first touches, 4 COW faults; 4 EXCLUSIVE + 1 PROTECTION_PAGE + 4 CLEAR', () => {
    expect(r.counters).toEqual(counters({ cpuFaults: 8, invalidations: 9 }));
  });
});

// MAP_SHARED|MAP_ANONYMOUS is shmem: parent and child see one set of pages however late they
// first touch them, and a page lives in the object's page cache while any process maps it.
describe('shared anonymous memory across fork', () => {
  const shared = (more: Action[]) =>
    run([{ op: 'mmap', start: 0, count: 2, prot: 'rw', shared: true }, { op: 'fork' }, ...more]);

  it('a page first touched after fork is one page for both processes', () => {
    const r = shared([
      { op: 'cpu_write', start: 0, count: 1, value: 7 },
      { op: 'cpu_read', pid: 2, start: 0, count: 1 },
      { op: 'dev_write', device: 'gpu0', pid: 2, start: 1, count: 1, value: 9 },
      { op: 'cpu_read', start: 1, count: 1 },
    ]);
    expect(valuesOf(r, 3)).toEqual([7]);
    expect(valuesOf(r, 5)).toEqual([9]);
    expect(r.invariants.violations).toEqual([]);
    // Two pages in all, each mapped by both processes.
    expect(r.hostFrames.free).toBe(30);
    expect(r.pages.map((p) => [p.pid, p.page, p.value])).toEqual([
      [1, 0, 7],
      [1, 1, 9],
      [2, 0, 7],
      [2, 1, 9],
    ]);
  });

  it('a write after fork to a page populated before it reaches the child (no lost write)', () => {
    const r = run([
      { op: 'mmap', start: 0, count: 1, prot: 'rw', shared: true },
      { op: 'cpu_write', start: 0, count: 1, value: 1 },
      { op: 'fork' },
      { op: 'cpu_write', start: 0, count: 1, value: 2 },
      { op: 'cpu_read', pid: 2, start: 0, count: 1 },
    ]);
    expect(valuesOf(r, 4)).toEqual([2]);
    expect(r.invariants.violations).toEqual([]);
  });

  it('the page cache keeps a page the writer unmapped while the other still maps it', () => {
    const r = shared([
      { op: 'cpu_write', start: 0, count: 1, value: 5 },
      { op: 'munmap', start: 0, count: 2 },
    ]);
    expect(r.invariants.violations).toEqual([]);
    expect(r.hostFrames.free).toBe(31);
    expect(r.pages.filter((p) => p.pid === 2).map((p) => [p.page, p.cpu, p.value])).toEqual([
      [0, 'none', 5],
      [1, 'none', 0],
    ]);
    const after = shared([
      { op: 'cpu_write', start: 0, count: 1, value: 5 },
      { op: 'munmap', start: 0, count: 2 },
      { op: 'cpu_read', pid: 2, start: 0, count: 1 },
      { op: 'munmap', pid: 2, start: 0, count: 2 },
    ]);
    expect(valuesOf(after, 4)).toEqual([5]);
    // Once no process maps it, nobody can reach the page: the cache lets it go.
    expect(after.hostFrames.free).toBe(32);
    expect(after.invariants.violations).toEqual([]);
  });
});
