// Device access through the mirror: fault rounds, two devices on one address space, and the
// mmu_interval_read_retry loop (hmm-tests.c: double_map, anon_teardown; hmm-model.md D and I).
import { describe, expect, it } from 'vitest';
import type { Action } from '../../scenario/types.ts';
import {
  counters,
  device,
  host,
  none,
  pagesOf,
  pte,
  ptOf,
  run,
  TWO_GPUS,
  valuesOf,
  zero,
} from './scenario.ts';

describe('double_map', () => {
  const r = run(
    [
      { op: 'mmap', start: 0, count: 4, prot: 'rw' },
      { op: 'cpu_write', start: 0, count: 4, values: [10, 11, 12, 13] },
      { op: 'mprotect', start: 0, count: 4, prot: 'r' },
      { op: 'dev_read', device: 'gpu0', start: 0, count: 4 },
      { op: 'dev_read', device: 'gpu1', start: 0, count: 4 },
      { op: 'migrate_to_device', device: 'gpu1', start: 0, count: 4 },
      { op: 'dev_read', device: 'gpu0', start: 0, count: 4 },
    ],
    TWO_GPUS,
  );

  it('lets both devices read the same pages, one fault round each', () => {
    for (const i of [3, 4, 6]) {
      expect(r.results[i]).toMatchObject({
        status: 'ok',
        cpages: 4,
        faults: 1,
        values: [10, 11, 12, 13],
      });
    }
    expect(r.results[5]).toMatchObject({ status: 'ok', cpages: 4, migrated: 4 });
  });

  it('faults gpu1\u2019s pages back to RAM when gpu0 reads them', () => {
    expect(pagesOf(r)).toEqual([0, 1, 2, 3].map((p) => host(p, 10 + p, false)));
    expect(ptOf(r, 'gpu0')).toEqual([0, 1, 2, 3].map((p) => pte(p, 'host', p, false)));
    expect(ptOf(r, 'gpu1')).toEqual([]);
    expect(device(r, 'gpu1').free).toBe(16);
  });

  it('counts the remote fault-back precisely', () => {
    // mprotect reaches both (2); gpu1's migration reaches gpu0 (1); each of the 4
    // migrate_to_ram reaches gpu0 only (4). Those make hmm_range_fault return EBUSY once.
    expect(r.counters).toEqual(
      counters({
        cpuFaults: 4,
        deviceFaults: 3,
        migrateToRam: 4,
        pagesToDevice: 4,
        pagesToHost: 4,
        pageFree: 4,
        invalidations: 7,
        rangeFaultRetries: 1,
      }),
    );
    expect(device(r, 'gpu0').seq).toBe(6);
    expect(device(r, 'gpu1').seq).toBe(1);
  });
});

describe('fault rounds', () => {
  it('takes no fault round when every page is already mirrored', () => {
    const r = run([
      { op: 'mmap', start: 0, count: 2, prot: 'rw' },
      { op: 'dev_write', device: 'gpu0', start: 0, count: 2, values: [1, 2] },
      { op: 'dev_read', device: 'gpu0', start: 0, count: 2 },
      { op: 'dev_write', device: 'gpu0', start: 0, count: 2, value: 3 },
    ]);
    expect(r.results[2]).toMatchObject({ status: 'ok', cpages: 2, faults: 0, values: [1, 2] });
    expect(r.results[3]).toMatchObject({ status: 'ok', cpages: 2, faults: 0 });
    expect(pagesOf(r)).toEqual([host(0, 3), host(1, 3)]);
    expect(r.counters).toEqual(counters({ deviceFaults: 1 }));
  });

  it('returns the pages read before a fault round that fails', () => {
    const r = run([
      { op: 'mmap', start: 0, count: 2, prot: 'rw' },
      { op: 'mmap', start: 2, count: 1, prot: 'none' },
      { op: 'cpu_write', start: 0, count: 2, values: [4, 5] },
      { op: 'dev_read', device: 'gpu0', start: 0, count: 2 },
      { op: 'dev_read', device: 'gpu0', start: 0, count: 3 },
    ]);
    expect(r.results[4]).toMatchObject({ status: 'EFAULT', cpages: 2, values: [4, 5] });
    expect(r.results[4].faults ?? 0).toBe(0);
    expect(r.counters).toEqual(counters({ cpuFaults: 2, deviceFaults: 1 }));
  });

  it('writes page by page and keeps what it wrote before an EPERM', () => {
    const r = run([
      { op: 'mmap', start: 0, count: 2, prot: 'rw' },
      { op: 'mmap', start: 2, count: 1, prot: 'r' },
      { op: 'dev_write', device: 'gpu0', start: 0, count: 2, value: 1 },
      { op: 'dev_write', device: 'gpu0', start: 0, count: 3, values: [7, 8, 9] },
    ]);
    // Pages 0-1 are mirrored writable, so they are written before the fault at page 2.
    expect(r.results[3]).toMatchObject({ status: 'EPERM', cpages: 2 });
    expect(pagesOf(r)).toEqual([host(0, 7), host(1, 8), none(2)]);
  });

  it('turns dev_write into EPERM after mprotect PROT_READ zapped the mirror', () => {
    const r = run([
      { op: 'mmap', start: 0, count: 2, prot: 'rw' },
      { op: 'dev_write', device: 'gpu0', start: 0, count: 2, values: [1, 2] },
      { op: 'mprotect', start: 0, count: 2, prot: 'r' },
      { op: 'dev_write', device: 'gpu0', start: 0, count: 2, values: [3, 4] },
      { op: 'dev_read', device: 'gpu0', start: 0, count: 2 },
    ]);
    expect(r.results[3].status).toBe('EPERM');
    expect(r.results[3].cpages ?? 0).toBe(0);
    expect(r.results[4]).toMatchObject({ status: 'ok', faults: 1, values: [1, 2] });
    expect(ptOf(r, 'gpu0')).toEqual([pte(0, 'host', 0, false), pte(1, 'host', 1, false)]);
    expect(r.counters).toEqual(counters({ deviceFaults: 2, invalidations: 1 }));
  });

  it('faults its own read-only device page back to RAM for a write', () => {
    const r = run([
      { op: 'mmap', start: 0, count: 1, prot: 'rw' },
      { op: 'cpu_write', start: 0, value: 5 },
      { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 1 },
      { op: 'mprotect', start: 0, count: 1, prot: 'r' },
      { op: 'mprotect', start: 0, count: 1, prot: 'rw' },
      { op: 'dev_write', device: 'gpu0', start: 0, value: 6 },
    ]);
    expect(r.results[5]).toMatchObject({ status: 'ok', cpages: 1, faults: 1 });
    expect(pagesOf(r)).toEqual([host(0, 6)]);
    expect(ptOf(r, 'gpu0')).toEqual([pte(0, 'host', 0, true)]);
    // migrate_to_ram is gpu0's own MMU_NOTIFY_MIGRATE (skipped) and wp_page_reuse sends
    // nothing, so the sequence never moved: no retry. Invalidations are the two mprotects.
    expect(r.counters).toEqual(
      counters({
        cpuFaults: 1,
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

describe('interleave: the mmu_interval_read_retry loop', () => {
  it('retries after a CPU write broke the zero page COW, and reads the new value', () => {
    const r = run([
      { op: 'mmap', start: 0, count: 2, prot: 'rw' },
      {
        op: 'dev_read',
        device: 'gpu0',
        start: 0,
        count: 2,
        interleave: { op: 'cpu_write', start: 0, value: 7 },
      },
    ]);
    expect(r.results[1]).toMatchObject({
      status: 'ok',
      cpages: 2,
      faults: 1,
      values: [7, 0],
      interleave: { op: 'cpu_write', status: 'ok' },
    });
    expect(pagesOf(r)).toEqual([host(0, 7), zero(1)]);
    expect(ptOf(r, 'gpu0')).toEqual([pte(0, 'host', 0, true), pte(1, 'host', 'zero', false)]);
    // The CPU write fault replaced the zero page (MMU_NOTIFY_CLEAR: 1), so read_retry said retry.
    expect(r.counters).toEqual(
      counters({ cpuFaults: 1, deviceFaults: 1, invalidations: 1, rangeFaultRetries: 1 }),
    );
  });

  it('returns the error of a retry that fails after munmap', () => {
    const r = run([
      { op: 'mmap', start: 0, count: 2, prot: 'rw' },
      { op: 'cpu_write', start: 0, count: 2, values: [1, 2] },
      {
        op: 'dev_read',
        device: 'gpu0',
        start: 0,
        count: 2,
        interleave: { op: 'munmap', start: 1, count: 1 },
      },
    ]);
    expect(r.results[2]).toMatchObject({
      status: 'EFAULT',
      interleave: { op: 'munmap', status: 'ok' },
    });
    expect(r.results[2].cpages ?? 0).toBe(0);
    expect(valuesOf(r, 2)).toEqual([]);
    expect(pagesOf(r)).toEqual([host(0, 1)]);
    expect(ptOf(r, 'gpu0')).toEqual([]);
    expect(r.hostFrames.free).toBe(31);
    expect(r.counters).toEqual(counters({ cpuFaults: 2, invalidations: 1, rangeFaultRetries: 1 }));
  });

  it('returns EPERM when mprotect PROT_READ lands inside a write fault round', () => {
    const r = run([
      { op: 'mmap', start: 0, count: 1, prot: 'rw' },
      {
        op: 'dev_write',
        device: 'gpu0',
        start: 0,
        value: 3,
        interleave: { op: 'mprotect', start: 0, count: 1, prot: 'r' },
      },
    ]);
    expect(r.results[1]).toMatchObject({
      status: 'EPERM',
      interleave: { op: 'mprotect', status: 'ok' },
    });
    expect(r.results[1].cpages ?? 0).toBe(0);
    expect(pagesOf(r)).toEqual([host(0, 0, false)]);
    expect(r.counters).toEqual(counters({ invalidations: 1, rangeFaultRetries: 1 }));
  });

  it('chases pages another device migrated away mid-round', () => {
    const r = run(
      [
        { op: 'mmap', start: 0, count: 2, prot: 'rw' },
        { op: 'cpu_write', start: 0, count: 2, values: [1, 2] },
        {
          op: 'dev_read',
          device: 'gpu0',
          start: 0,
          count: 2,
          interleave: { op: 'migrate_to_device', device: 'gpu1', start: 0, count: 2 },
        },
      ],
      TWO_GPUS,
    );
    expect(r.results[2]).toMatchObject({
      status: 'ok',
      cpages: 2,
      faults: 1,
      values: [1, 2],
      interleave: { op: 'migrate_to_device', status: 'ok' },
    });
    expect(pagesOf(r)).toEqual([host(0, 1), host(1, 2)]);
    // Retry 1: read_retry after gpu1's migration (1 invalidation of gpu0). Retry 2: EBUSY after
    // hmm_range_fault called gpu1's migrate_to_ram twice (2 more, gpu1 skips its own).
    expect(r.counters).toEqual(
      counters({
        cpuFaults: 2,
        deviceFaults: 1,
        migrateToRam: 2,
        pagesToDevice: 2,
        pagesToHost: 2,
        pageFree: 2,
        invalidations: 3,
        rangeFaultRetries: 2,
      }),
    );
  });

  it('does not run when the access needs no fault round', () => {
    const r = run([
      { op: 'mmap', start: 0, count: 1, prot: 'rw' },
      { op: 'dev_write', device: 'gpu0', start: 0, value: 1 },
      {
        op: 'dev_read',
        device: 'gpu0',
        start: 0,
        interleave: { op: 'cpu_write', start: 0, value: 2 },
      },
    ]);
    expect(r.results[2]).toMatchObject({
      status: 'ok',
      faults: 0,
      values: [1],
      interleave: { status: 'not-run' },
    });
    expect(pagesOf(r)).toEqual([host(0, 1)]);
  });
});

describe('anon_teardown (munmap racing a device read, made deterministic)', () => {
  const actions: Action[] = [
    { op: 'mmap', start: 0, count: 4, prot: 'rw' },
    { op: 'cpu_write', start: 0, count: 4, values: [0, 1, 2, 3] },
    {
      op: 'dev_read',
      device: 'gpu0',
      start: 0,
      count: 4,
      interleave: { op: 'munmap', start: 2, count: 2 },
    },
    { op: 'dev_read', device: 'gpu0', start: 0, count: 2 },
  ];

  it('fails the racing read and leaves the first half readable', () => {
    const r = run(actions);
    expect(r.results[2].status).toBe('EFAULT');
    expect(r.results[3]).toMatchObject({ status: 'ok', cpages: 2, faults: 1, values: [0, 1] });
    expect(pagesOf(r)).toEqual([host(0, 0), host(1, 1)]);
  });
});
