// Corners of hmm-model.md the kernel selftests only brush: wp_page_reuse on the device's behalf,
// zero-page COW seen by two mirrors, exclusive pages and migration, release seen by another
// device, mprotect over a hole.
import { beforeEach, describe, expect, it } from 'vitest';
import type { RunReport } from '../result.ts';
import type { Action } from '../../scenario/types.ts';
import {
  counters,
  device,
  excl,
  host,
  none,
  onDev,
  pagesOf,
  pte,
  ptOf,
  run,
  TWO_GPUS,
  valuesOf,
} from './scenario.ts';

describe('mprotect PROT_READ then PROT_READ|PROT_WRITE on a present anonymous page', () => {
  it('makes the exclusive anon page writable again at once (can_change_pte_writable)', () => {
    const r = run([
      { op: 'mmap', start: 0, count: 1, prot: 'rw' },
      { op: 'cpu_write', start: 0, value: 5 },
      { op: 'mprotect', start: 0, count: 1, prot: 'r' },
      { op: 'mprotect', start: 0, count: 1, prot: 'rw' },
      { op: 'snapshot', device: 'gpu0', start: 0 },
    ]);
    expect(r.results[4]).toMatchObject({ status: 'ok', snapshot: ['write'] });
    expect(pagesOf(r)).toEqual([host(0, 5)]);
  });
});

describe('hmm_range_fault write fault on a read-only page of a writable VMA', () => {
  // A read-only device-private entry (only ever downgraded) faulted home stays read-only.
  let r: RunReport;
  beforeEach(() => {
    r = run([
      { op: 'mmap', start: 0, count: 1, prot: 'rw' },
      { op: 'cpu_write', start: 0, value: 5 },
      { op: 'mprotect', start: 0, count: 1, prot: 'r' },
      { op: 'migrate_to_device', device: 'gpu0', start: 0 },
      { op: 'mprotect', start: 0, count: 1, prot: 'rw' },
      { op: 'cpu_read', start: 0 },
      { op: 'snapshot', device: 'gpu0', start: 0 },
      { op: 'dev_write', device: 'gpu0', start: 0, value: 6 },
    ]);
  });

  it('sees the PTE read-only, then makes it writable in place (wp_page_reuse)', () => {
    expect(r.results[5]).toMatchObject({ status: 'ok', values: [5] });
    expect(r.results[6]).toMatchObject({ status: 'ok', snapshot: ['read'] });
    expect(r.results[7]).toMatchObject({ status: 'ok', cpages: 1, faults: 1 });
    expect(pagesOf(r)).toEqual([host(0, 6)]);
    expect(ptOf(r, 'gpu0')).toEqual([pte(0, 'host', 0, true)]);
    // wp_page_reuse sends no notifier: only the two mprotects invalidate, and nothing retries.
    expect(r.counters).toEqual(
      counters({
        cpuFaults: 2,
        deviceFaults: 1,
        migrateToRam: 1,
        pagesToDevice: 1,
        pagesToHost: 1,
        pageFree: 1,
        invalidations: 2,
      }),
    );
  });
});

describe('zero page mirrored by two devices', () => {
  it('a CPU write breaks the COW and both mirrors drop the zero page', () => {
    const r = run(
      [
        { op: 'mmap', start: 0, count: 1, prot: 'rw' },
        { op: 'dev_read', device: 'gpu0', start: 0 },
        { op: 'dev_read', device: 'gpu1', start: 0 },
        { op: 'cpu_write', start: 0, value: 4 },
      ],
      TWO_GPUS,
    );
    expect(ptOf(r, 'gpu0')).toEqual([]);
    expect(ptOf(r, 'gpu1')).toEqual([]);
    expect(pagesOf(r)).toEqual([host(0, 4)]);
    // One MMU_NOTIFY_CLEAR for the page, acted on by each device.
    expect(r.counters).toEqual(counters({ cpuFaults: 1, deviceFaults: 2, invalidations: 2 }));
  });
});

describe('device writes its own device-private page', () => {
  it('uses the page as it is: no fault, the value changes in device memory', () => {
    const r = run([
      { op: 'mmap', start: 0, count: 1, prot: 'rw' },
      { op: 'cpu_write', start: 0, value: 5 },
      { op: 'migrate_to_device', device: 'gpu0', start: 0 },
      { op: 'dev_write', device: 'gpu0', start: 0, value: 9 },
      { op: 'dev_read', device: 'gpu0', start: 0 },
    ]);
    expect(r.results[3]).toMatchObject({ status: 'ok', cpages: 1, faults: 0 });
    expect(r.results[4]).toMatchObject({ status: 'ok', faults: 0, values: [9] });
    expect(pagesOf(r)).toEqual([onDev(0, 'gpu0', 9)]);
    expect(device(r, 'gpu0').allocated.map((a) => a.value)).toEqual([9]);
    expect(r.counters).toEqual(counters({ cpuFaults: 1, pagesToDevice: 1 }));
  });
});

describe('device-exclusive pages are not selected for migration', () => {
  it('the owner still reads its atomic mapping back: ok with 0 migrated', () => {
    const r = run([
      { op: 'mmap', start: 0, count: 1, prot: 'rw' },
      { op: 'cpu_write', start: 0, value: 5 },
      { op: 'make_exclusive', device: 'gpu0', start: 0 },
      { op: 'migrate_to_device', device: 'gpu0', start: 0 },
    ]);
    expect(r.results[3]).toMatchObject({ status: 'ok', cpages: 1, migrated: 0 });
    expect(pagesOf(r)).toEqual([excl(0, 5)]);
    expect(r.counters).toEqual(counters({ cpuFaults: 1, invalidations: 1 }));
  });

  it('another device gets ENOENT, and its MMU_NOTIFY_MIGRATE zaps the atomic mapping', () => {
    const r = run(
      [
        { op: 'mmap', start: 0, count: 1, prot: 'rw' },
        { op: 'cpu_write', start: 0, value: 5 },
        { op: 'make_exclusive', device: 'gpu0', start: 0 },
        { op: 'migrate_to_device', device: 'gpu1', start: 0 },
        { op: 'check_exclusive', device: 'gpu0', start: 0 },
      ],
      TWO_GPUS,
    );
    expect(r.results[3].status).toBe('ENOENT');
    expect(r.results[3].migrated ?? 0).toBe(0);
    expect(r.results[4].status).toBe('ok');
    expect(pagesOf(r)).toEqual([excl(0, 5)]);
    expect(ptOf(r, 'gpu0')).toEqual([]);
    // make_exclusive reaches both devices (2); gpu1's migration reaches gpu0 (1).
    expect(r.counters).toEqual(counters({ cpuFaults: 1, invalidations: 3 }));
  });
});

describe('release seen by another device', () => {
  it('sends one notifier per page that both mirrors act on', () => {
    const r = run(
      [
        { op: 'mmap', start: 0, count: 2, prot: 'rw' },
        { op: 'cpu_write', start: 0, count: 2, values: [1, 2] },
        { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 2 },
        { op: 'release', device: 'gpu0' },
      ],
      TWO_GPUS,
    );
    expect(r.results[3]).toMatchObject({ status: 'ok', cpages: 2 });
    expect(pagesOf(r)).toEqual([host(0, 1), host(1, 2)]);
    // gpu1: the migration (1) + one per released page (2).
    expect(device(r, 'gpu1').seq).toBe(3);
    // migrate_device_range unmaps through try_to_migrate, whose per-page MMU_NOTIFY_CLEAR has no
    // owner: gpu0 cannot skip it, so it counts too (2 + 2 + 1). hmm-model.md F leaves this open.
    expect(device(r, 'gpu0').seq).toBe(2);
    expect(r.counters).toEqual(
      counters({ cpuFaults: 2, pagesToDevice: 2, pagesToHost: 2, pageFree: 2, invalidations: 5 }),
    );
  });
});

describe('remote fault-back with host RAM full', () => {
  it('leaves the page on the other device and fails hmm_range_fault with EFAULT', () => {
    const r = run(
      [
        { op: 'mmap', start: 0, count: 2, prot: 'rw' },
        { op: 'cpu_write', start: 0, value: 5 },
        { op: 'migrate_to_device', device: 'gpu1', start: 0 },
        { op: 'cpu_write', start: 1, value: 6 },
        { op: 'dev_read', device: 'gpu0', start: 0 },
      ],
      { ...TWO_GPUS, hostFrames: 1 },
    );
    expect(r.results[4].status).toBe('EFAULT');
    expect(valuesOf(r, 4)).toEqual([]);
    expect(pagesOf(r)).toEqual([onDev(0, 'gpu1', 5), host(1, 6)]);
    expect(r.counters).toMatchObject({ pagesToHost: 0, pageFree: 0, deviceFaults: 0 });
  });
});

describe('mprotect over a hole', () => {
  it('changes the pages before the hole, then says ENOMEM', () => {
    const r = run([
      { op: 'mmap', start: 0, count: 2, prot: 'rw' },
      { op: 'mprotect', start: 0, count: 3, prot: 'r' },
      { op: 'cpu_write', start: 1, value: 1 },
      { op: 'mprotect', start: 5, count: 1, prot: 'r' },
    ]);
    expect(r.results.map((x) => x.status)).toEqual(['ok', 'ENOMEM', 'EFAULT', 'ENOMEM']);
    expect(pagesOf(r)).toEqual([none(0), none(1)]);
  });
});

describe('munmap of a page the device mirrors on a host frame', () => {
  it('zaps the device PTE and frees the frame', () => {
    const r = run([
      { op: 'mmap', start: 0, count: 2, prot: 'rw' },
      { op: 'dev_write', device: 'gpu0', start: 0, count: 2, values: [1, 2] },
      { op: 'munmap', start: 0, count: 1 },
    ]);
    expect(ptOf(r, 'gpu0')).toEqual([pte(1, 'host', 1, true)]);
    expect(pagesOf(r)).toEqual([host(1, 2)]);
    expect(r.hostFrames.free).toBe(31);
    expect(r.counters).toEqual(counters({ deviceFaults: 1, invalidations: 1 }));
  });
});

describe('device-private page under PROT_NONE', () => {
  const setup: Action[] = [
    { op: 'mmap', start: 0, count: 1, prot: 'rw' },
    { op: 'cpu_write', start: 0, value: 5 },
    { op: 'migrate_to_device', device: 'gpu0', start: 0 },
    { op: 'mprotect', start: 0, count: 1, prot: 'none' },
  ];

  it('is out of reach of the device and the CPU alike', () => {
    const r = run([
      ...setup,
      { op: 'dev_read', device: 'gpu0', start: 0 },
      { op: 'cpu_read', start: 0 },
    ]);
    expect(r.results[4].status).toBe('EFAULT');
    expect(r.results[5].status).toBe('EFAULT');
    expect(pagesOf(r)).toEqual([onDev(0, 'gpu0', 5, false)]);
    expect(r.counters).toEqual(counters({ cpuFaults: 2, pagesToDevice: 1, invalidations: 1 }));
  });

  it('cannot be migrated home (EINVAL) but release still evicts it', () => {
    const r = run([
      ...setup,
      { op: 'migrate_to_host', device: 'gpu0', start: 0 },
      { op: 'release', device: 'gpu0' },
    ]);
    expect(r.results[4].status).toBe('EINVAL');
    expect(r.results[5]).toMatchObject({ status: 'ok', cpages: 1 });
    expect(pagesOf(r)).toEqual([host(0, 5, false)]);
    expect(device(r, 'gpu0').free).toBe(16);
    expect(r.counters).toEqual(
      counters({ cpuFaults: 1, pagesToDevice: 1, pagesToHost: 1, pageFree: 1, invalidations: 2 }),
    );
  });
});
