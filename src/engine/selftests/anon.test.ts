// Private anonymous memory read and written by the device through hmm_range_fault
// (hmm-tests.c: anon_read, anon_read_prot, anon_write, anon_write_prot, anon_write_child).
import { beforeEach, describe, expect, it } from 'vitest';
import type { RunReport } from '../result.ts';
import {
  counters,
  device,
  host,
  none,
  ONE_GPU,
  pagesOf,
  pte,
  ptOf,
  run,
  valuesOf,
  zero,
} from './scenario.ts';

describe('anon_read', () => {
  // Pages 0-1 stay zero (pte_none and the zero page), 2-5 hold data; the range is read-only.
  let r: RunReport;
  beforeEach(() => {
    r = run([
      { op: 'mmap', start: 0, count: 6, prot: 'rw' },
      { op: 'cpu_write', start: 2, count: 4, values: [2, 3, 4, 5] },
      { op: 'mprotect', start: 0, count: 6, prot: 'r' },
      { op: 'cpu_read', start: 1 },
      { op: 'dev_read', device: 'gpu0', start: 0, count: 6 },
    ]);
  });

  it('reads every page in one fault round', () => {
    expect(r.results.map((x) => x.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    expect(valuesOf(r, 3)).toEqual([0]);
    expect(r.results[4]).toMatchObject({ cpages: 6, faults: 1, values: [0, 0, 2, 3, 4, 5] });
  });

  it('faults page 0 in as the zero page and mirrors read-only', () => {
    expect(pagesOf(r)).toEqual([
      zero(0),
      zero(1),
      host(2, 2, false),
      host(3, 3, false),
      host(4, 4, false),
      host(5, 5, false),
    ]);
    expect(ptOf(r, 'gpu0')).toEqual([
      pte(0, 'host', 'zero', false),
      pte(1, 'host', 'zero', false),
      pte(2, 'host', 0, false),
      pte(3, 'host', 1, false),
      pte(4, 'host', 2, false),
      pte(5, 'host', 3, false),
    ]);
  });

  it('counts 4 write faults + 1 zero-page read fault, and only mprotect invalidates', () => {
    // Filling a none entry sends no notifier, so hmm_range_fault never returns EBUSY here.
    expect(r.counters).toEqual(counters({ cpuFaults: 5, deviceFaults: 1, invalidations: 1 }));
    expect(r.hostFrames).toEqual({ total: 32, free: 28 });
    expect(device(r, 'gpu0').seq).toBe(1);
  });
});

describe('anon_read_prot', () => {
  let r: RunReport;
  beforeEach(() => {
    r = run([
      { op: 'mmap', start: 0, count: 4, prot: 'rw' },
      { op: 'cpu_write', start: 0, count: 4, values: [0, 1, 2, 3] },
      { op: 'mprotect', start: 0, count: 4, prot: 'none' },
      { op: 'dev_read', device: 'gpu0', start: 0, count: 4 },
      { op: 'mprotect', start: 0, count: 4, prot: 'r' },
      { op: 'cpu_read', start: 0, count: 4 },
    ]);
  });

  it('fails the device read of PROT_NONE memory with EFAULT and reads nothing', () => {
    expect(r.results[3].status).toBe('EFAULT');
    expect(r.results[3].cpages ?? 0).toBe(0);
    expect(r.results[3].faults ?? 0).toBe(0);
    expect(valuesOf(r, 3)).toEqual([]);
    expect(ptOf(r, 'gpu0')).toEqual([]);
  });

  it('leaves the data intact for the CPU', () => {
    expect(r.results[5]).toMatchObject({ status: 'ok', values: [0, 1, 2, 3] });
    expect(pagesOf(r)).toEqual([0, 1, 2, 3].map((p) => host(p, p, false)));
    // A failed fault round is not counted in deviceFaults; two mprotects invalidate once each.
    expect(r.counters).toEqual(counters({ cpuFaults: 4, invalidations: 2 }));
  });
});

describe('anon_write', () => {
  let r: RunReport;
  beforeEach(() => {
    r = run([
      { op: 'mmap', start: 0, count: 4, prot: 'rw' },
      { op: 'dev_write', device: 'gpu0', start: 0, count: 4, values: [10, 11, 12, 13] },
      { op: 'cpu_read', start: 0, count: 4 },
    ]);
  });

  it('writes through one fault round that allocates fresh pages', () => {
    expect(r.results[1]).toMatchObject({ status: 'ok', cpages: 4, faults: 1 });
    expect(r.results[2]).toMatchObject({ status: 'ok', values: [10, 11, 12, 13] });
    expect(pagesOf(r)).toEqual([0, 1, 2, 3].map((p) => host(p, 10 + p)));
    expect(ptOf(r, 'gpu0')).toEqual([0, 1, 2, 3].map((p) => pte(p, 'host', p, true)));
  });

  it('takes no CPU fault: the pages were faulted on the device\u2019s behalf', () => {
    expect(r.counters).toEqual(counters({ deviceFaults: 1 }));
    expect(r.hostFrames.free).toBe(28);
  });
});

describe('anon_write resuming after a device fault', () => {
  // Pages 0-1 are already mirrored writable; the write of 0-3 uses them, faults at page 2 and
  // carries on from there: page 2 must still get values[2], not values[0].
  let r: RunReport;
  beforeEach(() => {
    r = run([
      { op: 'mmap', start: 0, count: 4, prot: 'rw' },
      { op: 'dev_write', device: 'gpu0', start: 0, count: 2, values: [1, 2] },
      { op: 'dev_write', device: 'gpu0', start: 0, count: 4, values: [10, 11, 12, 13] },
      { op: 'cpu_read', start: 0, count: 4 },
    ]);
  });

  it('gives every page its own value, before and after the fault round', () => {
    expect(r.results[2]).toMatchObject({ status: 'ok', cpages: 4, faults: 1 });
    expect(r.results[3]).toMatchObject({ status: 'ok', values: [10, 11, 12, 13] });
    expect(pagesOf(r)).toEqual([0, 1, 2, 3].map((p) => host(p, 10 + p)));
    expect(r.counters).toEqual(counters({ deviceFaults: 2 }));
  });
});

describe('anon_write_prot', () => {
  let r: RunReport;
  beforeEach(() => {
    r = run([
      { op: 'mmap', start: 0, count: 4, prot: 'r' },
      { op: 'dev_read', device: 'gpu0', start: 0, count: 1 },
      { op: 'dev_write', device: 'gpu0', start: 0, count: 4, values: [1, 2, 3, 4] },
      { op: 'cpu_read', start: 0, count: 4 },
      { op: 'mprotect', start: 0, count: 4, prot: 'rw' },
      { op: 'dev_write', device: 'gpu0', start: 0, count: 4, values: [1, 2, 3, 4] },
      { op: 'cpu_read', start: 0, count: 4 },
    ]);
  });

  it('reads the zero page, then refuses to write a read-only VMA with EPERM', () => {
    expect(r.results[1]).toMatchObject({ status: 'ok', cpages: 1, faults: 1, values: [0] });
    expect(r.results[2].status).toBe('EPERM');
    expect(r.results[2].cpages ?? 0).toBe(0);
    expect(r.results[3]).toMatchObject({ status: 'ok', values: [0, 0, 0, 0] });
  });

  it('replaces the zero pages once the VMA is writable', () => {
    expect(r.results[5]).toMatchObject({ status: 'ok', cpages: 4, faults: 1 });
    expect(r.results[6]).toMatchObject({ status: 'ok', values: [1, 2, 3, 4] });
    expect(pagesOf(r)).toEqual([host(0, 1), host(1, 2), host(2, 3), host(3, 4)]);
  });

  it('counts one COW invalidation per zero page and one retry for the round', () => {
    // cpu_read faults pages 1-3 (page 0 is already the zero page); mprotect = 1 invalidation;
    // the 4 wp_page_copy each send MMU_NOTIFY_CLEAR to gpu0 (4 more), which makes
    // hmm_range_fault return EBUSY once.
    expect(r.counters).toEqual(
      counters({ cpuFaults: 3, deviceFaults: 2, invalidations: 5, rangeFaultRetries: 1 }),
    );
    expect(device(r, 'gpu0').seq).toBe(5);
  });
});

describe('CPU access errors', () => {
  it('reads outside any VMA: EFAULT, one cpu fault, the run continues', () => {
    const r = run([
      { op: 'cpu_read', start: 5 },
      { op: 'mmap', start: 5, count: 1, prot: 'rw' },
      { op: 'cpu_read', start: 5 },
    ]);
    expect(r.results[0].status).toBe('EFAULT');
    expect(valuesOf(r, 0)).toEqual([]);
    expect(r.results[2]).toMatchObject({ status: 'ok', values: [0] });
    expect(pagesOf(r)).toEqual([zero(5)]);
    expect(r.counters).toEqual(counters({ cpuFaults: 2 }));
  });

  it('stops a range at the hole and keeps what it read or wrote before', () => {
    const r = run([
      { op: 'mmap', start: 0, count: 2, prot: 'rw' },
      { op: 'cpu_write', start: 0, count: 3, values: [7, 8, 9] },
      { op: 'cpu_read', start: 0, count: 3 },
    ]);
    expect(r.results[1].status).toBe('EFAULT');
    expect(r.results[2]).toMatchObject({ status: 'EFAULT', values: [7, 8] });
    expect(pagesOf(r)).toEqual([host(0, 7), host(1, 8)]);
    // Two write faults that allocate, then one SIGSEGV fault for each access of page 2.
    expect(r.counters).toEqual(counters({ cpuFaults: 4 }));
  });

  it('refuses a write to PROT_READ and a read of PROT_NONE', () => {
    const r = run([
      { op: 'mmap', start: 0, count: 1, prot: 'r' },
      { op: 'mmap', start: 1, count: 1, prot: 'none' },
      { op: 'cpu_write', start: 0, value: 1 },
      { op: 'cpu_read', start: 1 },
    ]);
    expect(r.results.map((x) => x.status)).toEqual(['ok', 'ok', 'EFAULT', 'EFAULT']);
    expect(pagesOf(r)).toEqual([none(0), none(1)]);
    expect(r.counters).toEqual(counters({ cpuFaults: 2 }));
  });

  it('answers ESRCH for a pid that does not exist', () => {
    const r = run([
      { op: 'mmap', start: 0, count: 1, prot: 'rw' },
      { op: 'cpu_read', start: 0, pid: 2 },
      { op: 'dev_read', device: 'gpu0', start: 0, pid: 2 },
      { op: 'migrate_to_device', device: 'gpu0', start: 0, pid: 2 },
    ]);
    expect(r.results.map((x) => x.status)).toEqual(['ok', 'ESRCH', 'ESRCH', 'ESRCH']);
    expect(pagesOf(r)).toEqual([none(0)]);
    expect(r.counters).toEqual(counters({}));
  });

  it('answers ESRCH with the result fields each op carries, zeroed', () => {
    const r = run(
      [
        { op: 'cpu_read', start: 0, pid: 2 },
        { op: 'cpu_write', start: 0, value: 1, pid: 2 },
        { op: 'dev_read', device: 'gpu0', start: 0, pid: 2 },
        { op: 'dev_write', device: 'gpu0', start: 0, value: 1, pid: 2 },
        { op: 'migrate_to_device', device: 'gpu0', start: 0, pid: 2 },
        { op: 'migrate_to_host', device: 'gpu0', start: 0, pid: 2 },
        { op: 'snapshot', device: 'gpu0', start: 0, pid: 2 },
        { op: 'pin', start: 0, pid: 2 },
      ],
      ONE_GPU,
      true,
    );
    expect(r.results.map(({ i, op, ...rest }) => [i, op, rest])).toEqual([
      [0, 'cpu_read', { status: 'ESRCH', values: [] }],
      [1, 'cpu_write', { status: 'ESRCH' }],
      [2, 'dev_read', { status: 'ESRCH', cpages: 0, faults: 0, values: [] }],
      [3, 'dev_write', { status: 'ESRCH', cpages: 0, faults: 0 }],
      [4, 'migrate_to_device', { status: 'ESRCH', cpages: 0, migrated: 0 }],
      [5, 'migrate_to_host', { status: 'ESRCH', cpages: 0 }],
      [6, 'snapshot', { status: 'ESRCH', snapshot: [] }],
      [7, 'pin', { status: 'ESRCH', pinned: 0 }],
    ]);
  });

  it('answers ESRCH for an interleaved action of a pid that does not exist', () => {
    const r = run([
      { op: 'mmap', start: 0, count: 1, prot: 'rw' },
      {
        op: 'dev_read',
        device: 'gpu0',
        start: 0,
        interleave: { op: 'munmap', start: 0, count: 1, pid: 2 },
      },
    ]);
    expect(r.results[1]).toMatchObject({
      status: 'ok',
      interleave: { op: 'munmap', status: 'ESRCH' },
    });
    expect(pagesOf(r)).toEqual([zero(0)]);
  });

  it('stops with ENOMEM when host RAM runs out, keeping the pages already written', () => {
    const r = run(
      [
        { op: 'mmap', start: 0, count: 3, prot: 'rw' },
        { op: 'cpu_write', start: 0, count: 3, value: 9 },
      ],
      { hostFrames: 2, devices: [{ name: 'gpu0', frames: 4 }] },
    );
    expect(r.results[1].status).toBe('ENOMEM');
    expect(pagesOf(r)).toEqual([host(0, 9), host(1, 9), none(2)]);
    // The third fault entered handle_mm_fault before it found no frame.
    expect(r.counters).toEqual(counters({ cpuFaults: 3 }));
    expect(r.hostFrames).toEqual({ total: 2, free: 0 });
  });
});

describe('shared anonymous memory', () => {
  it('allocates a real page on a read fault, never the zero page', () => {
    const r = run([
      { op: 'mmap', start: 0, count: 1, prot: 'rw', shared: true },
      { op: 'cpu_read', start: 0 },
    ]);
    expect(r.results[1]).toMatchObject({ status: 'ok', values: [0] });
    expect(pagesOf(r)[0]).toMatchObject({ cpu: 'present', location: 'host', value: 0 });
    expect(r.hostFrames.free).toBe(31);
  });

  it('lets the device write it like anon_write_child_shared does', () => {
    const r = run([
      { op: 'mmap', start: 0, count: 2, prot: 'rw', shared: true },
      { op: 'dev_write', device: 'gpu0', start: 0, count: 2, values: [-1, -2] },
      { op: 'cpu_read', start: 0, count: 2 },
    ]);
    expect(r.results[1]).toMatchObject({ status: 'ok', cpages: 2, faults: 1 });
    expect(r.results[2]).toMatchObject({ status: 'ok', values: [-1, -2] });
    expect(r.counters).toEqual(counters({ deviceFaults: 1 }));
  });
  it('gives hmm_range_fault a real page too, and the device maps that page', () => {
    const r = run([
      { op: 'mmap', start: 0, count: 1, prot: 'rw', shared: true },
      { op: 'dev_read', device: 'gpu0', start: 0 },
    ]);
    expect(r.results[1]).toMatchObject({ status: 'ok', cpages: 1, faults: 1, values: [0] });
    expect(pagesOf(r)[0]).toMatchObject({ cpu: 'present', location: 'host' });
    expect(ptOf(r, 'gpu0').map((e) => [e.target, e.frame])).toEqual([['host', 0]]);
    expect(r.hostFrames.free).toBe(31);
  });

  it('migrates the private half of a mixed range and stops at the shared page', () => {
    const r = run([
      { op: 'mmap', start: 0, count: 1, prot: 'rw' },
      { op: 'mmap', start: 1, count: 1, prot: 'rw', shared: true },
      { op: 'cpu_write', start: 0, count: 2, values: [1, 2] },
      { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 2 },
    ]);
    expect(r.results[3]).toMatchObject({ status: 'ENOENT', cpages: 1, migrated: 1 });
    expect(pagesOf(r).map((p) => [p.cpu, p.location, p.value])).toEqual([
      ['device-private', 'gpu0', 1],
      ['present', 'host', 2],
    ]);
  });
});
