// Migration to device-private memory and back (hmm-tests.c: migrate, migrate_fault,
// migrate_release, migrate_shared, migrate_mixed, migrate_anon_huge_empty, the FAIL_ALLOC tests).
import { beforeEach, describe, expect, it } from 'vitest';
import type { RunReport } from '../result.ts';
import type { Action } from '../../scenario/types.ts';
import {
  counters,
  device,
  host,
  none,
  onDev,
  pagesOf,
  pte,
  ptOf,
  run,
  TWO_GPUS,
  FOUR_PAGES,
} from './scenario.ts';

describe('migrate', () => {
  let r: RunReport;
  beforeEach(() => {
    r = run([
      ...FOUR_PAGES,
      { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 4 },
      { op: 'dev_read', device: 'gpu0', start: 0, count: 4 },
    ]);
  });

  it('moves every page and the device reads them without a fault', () => {
    expect(r.results[2]).toMatchObject({ status: 'ok', cpages: 4, migrated: 4 });
    expect(r.results[3]).toMatchObject({
      status: 'ok',
      cpages: 4,
      faults: 0,
      values: [100, 101, 102, 103],
    });
  });

  it('leaves writable device-private entries and frees the host frames', () => {
    expect(pagesOf(r)).toEqual([0, 1, 2, 3].map((p) => onDev(p, 'gpu0', 100 + p)));
    expect(ptOf(r, 'gpu0')).toEqual([0, 1, 2, 3].map((p) => pte(p, 'gpu0', p, true)));
    expect(device(r, 'gpu0').free).toBe(12);
    expect(device(r, 'gpu0').allocated.map((a) => [a.frame, a.value])).toEqual([
      [0, 100],
      [1, 101],
      [2, 102],
      [3, 103],
    ]);
    expect(r.hostFrames).toEqual({ total: 32, free: 32 });
    // The only mirror is the migrating device, which skips its own MMU_NOTIFY_MIGRATE.
    expect(r.counters).toEqual(counters({ cpuFaults: 4, pagesToDevice: 4 }));
    expect(device(r, 'gpu0').seq).toBe(0);
  });
});

describe('migrate_fault', () => {
  let r: RunReport;
  beforeEach(() => {
    r = run([
      ...FOUR_PAGES,
      { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 4 },
      { op: 'cpu_read', start: 0, count: 2 },
      { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 4 },
    ]);
  });

  it('faults half back through migrate_to_ram and page_free', () => {
    expect(r.results[3]).toMatchObject({ status: 'ok', values: [100, 101] });
  });

  it('migrates the mix again: cpages 4 although only 2 pages moved', () => {
    // Pages 2-3 are already device-private: not selected, but still in gpu0's page table.
    expect(r.results[4]).toMatchObject({ status: 'ok', cpages: 4, migrated: 2 });
    expect(pagesOf(r)).toEqual([0, 1, 2, 3].map((p) => onDev(p, 'gpu0', 100 + p)));
    // page_free put frames 0-1 back; lowest-free-first hands them out again.
    expect(ptOf(r, 'gpu0')).toEqual([0, 1, 2, 3].map((p) => pte(p, 'gpu0', p, true)));
    expect(r.counters).toEqual(
      counters({
        cpuFaults: 6,
        migrateToRam: 2,
        pagesToDevice: 6,
        pagesToHost: 2,
        pageFree: 2,
      }),
    );
    expect(r.hostFrames.free).toBe(32);
  });
});

describe('migrate_release', () => {
  let r: RunReport;
  beforeEach(() => {
    r = run([
      ...FOUR_PAGES,
      { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 4 },
      { op: 'release', device: 'gpu0' },
      { op: 'cpu_read', start: 0, count: 4 },
    ]);
  });

  it('evicts every device page without a CPU fault or migrate_to_ram', () => {
    expect(r.results[3]).toMatchObject({ status: 'ok', cpages: 4 });
    expect(r.results[4]).toMatchObject({ status: 'ok', values: [100, 101, 102, 103] });
    expect(pagesOf(r)).toEqual([0, 1, 2, 3].map((p) => host(p, 100 + p)));
    expect(device(r, 'gpu0').free).toBe(16);
    expect(device(r, 'gpu0').allocated).toEqual([]);
    expect(ptOf(r, 'gpu0')).toEqual([]);
    // release unmaps each page with an owner-less MMU_NOTIFY_CLEAR (try_to_migrate), which gpu0
    // cannot skip: 4 invalidations, unlike migrate_to_host (see corners.test.ts).
    expect(r.counters).toEqual(
      counters({ cpuFaults: 4, pagesToDevice: 4, pagesToHost: 4, pageFree: 4, invalidations: 4 }),
    );
  });
});

describe('migrate_release in frame order', () => {
  it('brings the pages home in device frame order, not page order (migrate_device_range)', () => {
    // Page 1 takes gpu0 frame 0, page 0 frame 1; both host frames are free again by then.
    const r = run([
      { op: 'mmap', start: 0, count: 2, prot: 'rw' },
      { op: 'cpu_write', start: 0, count: 2, values: [100, 101] },
      { op: 'migrate_to_device', device: 'gpu0', start: 1, count: 1 },
      { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 1 },
      { op: 'release', device: 'gpu0' },
      { op: 'dev_read', device: 'gpu0', start: 0, count: 2 },
    ]);
    expect(r.results[5]).toMatchObject({ status: 'ok', values: [100, 101] });
    // Frame 0's page (page 1) is evicted first and takes the lowest free host frame.
    expect(ptOf(r, 'gpu0')).toEqual([pte(0, 'host', 1, true), pte(1, 'host', 0, true)]);
  });
});

describe('migrate_to_host', () => {
  it('moves back only the range, leaving pages not on the device alone', () => {
    const r = run([
      ...FOUR_PAGES,
      { op: 'migrate_to_device', device: 'gpu0', start: 1, count: 3 },
      { op: 'migrate_to_host', device: 'gpu0', start: 0, count: 3 },
    ]);
    // Page 0 never left the host, so only pages 1-2 move.
    expect(r.results[3]).toMatchObject({ status: 'ok', cpages: 2 });
    expect(pagesOf(r)).toEqual([host(0, 100), host(1, 101), host(2, 102), onDev(3, 'gpu0', 103)]);
    expect(ptOf(r, 'gpu0')).toEqual([pte(3, 'gpu0', 2, true)]);
    expect(r.counters).toEqual(
      counters({ cpuFaults: 4, pagesToDevice: 3, pagesToHost: 2, pageFree: 2 }),
    );
  });
});

describe('migrate_shared', () => {
  it('selects no page of a MAP_SHARED mapping: ENOENT', () => {
    const r = run([
      { op: 'mmap', start: 0, count: 4, prot: 'rw', shared: true },
      { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 4 },
    ]);
    expect(r.results[1].status).toBe('ENOENT');
    expect(r.results[1].cpages ?? 0).toBe(0);
    expect(r.results[1].migrated ?? 0).toBe(0);
    expect(pagesOf(r)).toEqual([none(0), none(1), none(2), none(3)]);
    expect(device(r, 'gpu0').free).toBe(16);
    expect(r.counters).toEqual(counters({}));
  });
});

describe('migrate_mixed', () => {
  let r: RunReport;
  beforeEach(() => {
    r = run(
      [
        { op: 'mmap', start: 0, count: 6, prot: 'none' },
        { op: 'migrate_to_device', device: 'gpu1', start: 0, count: 6 },
        { op: 'munmap', start: 1, count: 1 },
        { op: 'migrate_to_device', device: 'gpu1', start: 0, count: 3 },
        { op: 'mprotect', start: 2, count: 1, prot: 'r' },
        { op: 'cpu_read', start: 2 },
        { op: 'mprotect', start: 3, count: 1, prot: 'rw' },
        { op: 'cpu_write', start: 3, value: 3 },
        { op: 'mprotect', start: 3, count: 1, prot: 'r' },
        { op: 'mprotect', start: 4, count: 2, prot: 'rw' },
        { op: 'cpu_write', start: 4, count: 2, value: 3 },
        { op: 'migrate_to_device', device: 'gpu1', start: 2, count: 4 },
        { op: 'migrate_to_device', device: 'gpu0', start: 5, count: 1 },
      ],
      TWO_GPUS,
    );
  });

  it('rejects PROT_NONE and a hole with EINVAL before touching anything', () => {
    expect(r.results[1].status).toBe('EINVAL');
    expect(r.results[3].status).toBe('EINVAL');
    expect(r.results[1].cpages ?? 0).toBe(0);
  });

  it('migrates a zero page, a read-only page and two writable pages', () => {
    expect(r.results[11]).toMatchObject({ status: 'ok', cpages: 4, migrated: 4 });
    expect(pagesOf(r)).toEqual([
      none(0),
      onDev(2, 'gpu1', 0, false),
      onDev(3, 'gpu1', 3, false),
      onDev(4, 'gpu1', 3),
      onDev(5, 'gpu1', 3),
    ]);
  });

  it('will not migrate another device\u2019s page: ENOENT', () => {
    expect(r.results[12].status).toBe('ENOENT');
    expect(r.results[12].cpages ?? 0).toBe(0);
    expect(r.results[12].migrated ?? 0).toBe(0);
    expect(ptOf(r, 'gpu0')).toEqual([]);
    // gpu0's MMU_NOTIFY_MIGRATE over page 5 zapped gpu1's entry though the page stayed put.
    expect(ptOf(r, 'gpu1')).toEqual([
      pte(2, 'gpu1', 0, false),
      pte(3, 'gpu1', 1, false),
      pte(4, 'gpu1', 2, true),
    ]);
  });

  it('counts the notifier callbacks of the other device only', () => {
    // munmap + 4 mprotects reach both devices (10); each successful-or-not migration after
    // the EINVAL checks reaches the device that is not migrating (2).
    expect(r.counters).toEqual(counters({ cpuFaults: 4, pagesToDevice: 4, invalidations: 12 }));
    expect(device(r, 'gpu0').seq).toBe(6);
    expect(device(r, 'gpu1').seq).toBe(6);
    expect(r.hostFrames.free).toBe(32);
  });
});

describe('migrate empty and zero pages (migrate_anon_huge_empty/zero, one page size)', () => {
  let r: RunReport;
  beforeEach(() => {
    r = run([
      { op: 'mmap', start: 0, count: 2, prot: 'r' },
      { op: 'cpu_read', start: 1 },
      { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 2 },
      { op: 'cpu_read', start: 0, count: 2 },
    ]);
  });

  it('gives the device zero-filled pages, read-only because the VMA is', () => {
    expect(r.results[2]).toMatchObject({ status: 'ok', cpages: 2, migrated: 2 });
    expect(r.results[3]).toMatchObject({ status: 'ok', values: [0, 0] });
    expect(pagesOf(r)).toEqual([host(0, 0, false), host(1, 0, false)]);
    expect(r.counters).toEqual(
      counters({ cpuFaults: 3, migrateToRam: 2, pagesToDevice: 2, pagesToHost: 2, pageFree: 2 }),
    );
  });
});

describe('EINVAL for a range with a hole', () => {
  it('checks the whole range before any migration starts', () => {
    const r = run(
      [
        { op: 'mmap', start: 0, count: 2, prot: 'rw' },
        { op: 'cpu_write', start: 0, count: 2, values: [1, 2] },
        { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 3 },
        { op: 'migrate_to_host', device: 'gpu0', start: 0, count: 3 },
        { op: 'mmap', start: 3, count: 1, prot: 'none' },
        { op: 'migrate_to_device', device: 'gpu1', start: 3, count: 1 },
      ],
      TWO_GPUS,
    );
    expect(r.results.map((x) => x.status)).toEqual([
      'ok',
      'ok',
      'EINVAL',
      'EINVAL',
      'ok',
      'EINVAL',
    ]);
    expect(pagesOf(r)).toEqual([host(0, 1), host(1, 2), none(3)]);
    // No notifier was sent: mmap over nothing and rejected migrations invalidate nothing.
    expect(r.counters).toEqual(counters({ cpuFaults: 2 }));
  });
});

describe('munmap of device pages', () => {
  let r: RunReport;
  beforeEach(() => {
    r = run([
      ...FOUR_PAGES,
      { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 4 },
      { op: 'munmap', start: 0, count: 2 },
      { op: 'mmap', start: 2, count: 2, prot: 'rw' },
    ]);
  });

  it('drops the last reference: page_free returns each frame', () => {
    expect(pagesOf(r)).toEqual([none(2), none(3)]);
    expect(device(r, 'gpu0').free).toBe(16);
    expect(device(r, 'gpu0').allocated).toEqual([]);
    expect(ptOf(r, 'gpu0')).toEqual([]);
    // munmap and MAP_FIXED-over each send one MMU_NOTIFY_UNMAP to gpu0.
    expect(r.counters).toEqual(
      counters({ cpuFaults: 4, pagesToDevice: 4, pageFree: 4, invalidations: 2 }),
    );
    expect(r.hostFrames.free).toBe(32);
  });
});

describe('CPU write to a read-only device-private page', () => {
  const setup: Action[] = [
    { op: 'mmap', start: 0, count: 1, prot: 'rw' },
    { op: 'cpu_write', start: 0, value: 5 },
    { op: 'mprotect', start: 0, count: 1, prot: 'r' },
    { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 1 },
    { op: 'mprotect', start: 0, count: 1, prot: 'rw' },
  ];

  it('keeps the entry read-only after mprotect rw: such entries are only downgraded', () => {
    const r = run(setup);
    expect(pagesOf(r)).toEqual([onDev(0, 'gpu0', 5, false)]);
    expect(ptOf(r, 'gpu0')).toEqual([]);
  });

  it('takes two faults: migrate_to_ram, then the write-protect fault', () => {
    const r = run([...setup, { op: 'cpu_write', start: 0, value: 6 }]);
    expect(r.results[5].status).toBe('ok');
    expect(pagesOf(r)).toEqual([host(0, 6)]);
    // 1 (first write) + 2; wp_page_reuse sends nothing, migrate_to_ram is gpu0's own.
    expect(r.counters).toEqual(
      counters({
        cpuFaults: 3,
        migrateToRam: 1,
        pagesToDevice: 1,
        pagesToHost: 1,
        pageFree: 1,
        invalidations: 2,
      }),
    );
  });
});
