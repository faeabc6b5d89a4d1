// The mmu_interval_read_retry loop made deterministic: a CPU or device action runs between
// hmm_range_fault and read_retry (hmm-model.md I; hmm-tests.c anon_teardown).
import { describe, expect, it } from 'vitest';
import type { Action } from '../../scenario/types.ts';
import { runScenario } from '../../timeline/run.ts';
import {
  build,
  counters,
  host,
  pagesOf,
  pte,
  ptOf,
  run,
  TWO_GPUS,
  valuesOf,
  zero,
} from './scenario.ts';

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

describe('interleave: more racers', () => {
  it('restores a page another device made exclusive mid-round', () => {
    const r = run(
      [
        { op: 'mmap', start: 0, count: 1, prot: 'rw' },
        { op: 'cpu_write', start: 0, value: 5 },
        {
          op: 'dev_read',
          device: 'gpu0',
          start: 0,
          interleave: { op: 'make_exclusive', device: 'gpu1', start: 0 },
        },
      ],
      TWO_GPUS,
    );
    expect(r.results[2]).toMatchObject({
      status: 'ok',
      cpages: 1,
      faults: 1,
      values: [5],
      interleave: { op: 'make_exclusive', status: 'ok' },
    });
    expect(pagesOf(r)).toEqual([host(0, 5)]);
    expect(ptOf(r, 'gpu0')).toEqual([pte(0, 'host', 0, true)]);
    expect(ptOf(r, 'gpu1')).toEqual([]);
    // Retry 1: read_retry after MMU_NOTIFY_EXCLUSIVE (both devices: 2). Retry 2: EBUSY after
    // hmm_range_fault restored the entry (MMU_NOTIFY_EXCLUSIVE again: 2). Not a CPU fault.
    expect(r.counters).toEqual(
      counters({ cpuFaults: 1, deviceFaults: 1, invalidations: 4, rangeFaultRetries: 2 }),
    );
  });

  it('reads the fresh zero pages of a MAP_FIXED mmap over the range', () => {
    const r = run([
      { op: 'mmap', start: 0, count: 2, prot: 'rw' },
      { op: 'cpu_write', start: 0, count: 2, values: [1, 2] },
      {
        op: 'dev_read',
        device: 'gpu0',
        start: 0,
        count: 2,
        interleave: { op: 'mmap', start: 0, count: 2, prot: 'rw' },
      },
    ]);
    expect(r.results[2]).toMatchObject({ status: 'ok', faults: 1, values: [0, 0] });
    expect(pagesOf(r)).toEqual([zero(0), zero(1)]);
    expect(ptOf(r, 'gpu0')).toEqual([pte(0, 'host', 'zero', false), pte(1, 'host', 'zero', false)]);
    expect(r.hostFrames.free).toBe(32);
    expect(r.counters).toEqual(
      counters({ cpuFaults: 2, deviceFaults: 1, invalidations: 1, rangeFaultRetries: 1 }),
    );
  });

  it('returns -EBUSY from hmm_range_fault itself when its own write fault moved the sequence', () => {
    // Page 0 maps the zero page; the device write makes hmm_vma_fault break its COW, whose
    // MMU_NOTIFY_CLEAR moves gpu0's sequence during the walk: hmm_range_fault's own
    // mmu_interval_check_retry returns -EBUSY (retry 1) before the driver ever sees a pfn. The
    // second round's pfns are spoiled by the interleaved mprotect (retry 2, read_retry); the
    // third finds the VMA read-only.
    const actions: Action[] = [
      { op: 'mmap', start: 0, count: 1, prot: 'rw' },
      { op: 'cpu_read', start: 0 },
      {
        op: 'dev_write',
        device: 'gpu0',
        start: 0,
        value: 3,
        interleave: { op: 'mprotect', start: 0, count: 1, prot: 'r' },
      },
    ];
    const r = run(actions);
    expect(r.results[2]).toMatchObject({
      status: 'EPERM',
      interleave: { op: 'mprotect', status: 'ok' },
    });
    expect(pagesOf(r)).toEqual([host(0, 0, false)]);
    expect(r.counters).toEqual(counters({ cpuFaults: 1, invalidations: 2, rangeFaultRetries: 2 }));
    const fns = (runScenario(build(actions), { trace: true }).trace ?? [])
      .filter((w) => w.action === 2)
      .map((w) => w.fn);
    expect(fns).toEqual([
      'dmirror_do_write',
      'mmu_interval_read_begin',
      'hmm_vma_fault',
      'handle_mm_fault',
      'wp_page_copy',
      'mmu_notifier_invalidate_range_start',
      'dmirror_interval_invalidate',
      'wp_page_copy',
      'hmm_range_fault',
      'dmirror_range_fault',
      'mmu_interval_read_begin',
      'hmm_range_fault',
      'interleave',
      'mmu_notifier_invalidate_range_start',
      'dmirror_interval_invalidate',
      'change_protection',
      'mmu_interval_read_retry',
      'mmu_interval_read_begin',
      'hmm_vma_fault',
    ]);
  });
});
