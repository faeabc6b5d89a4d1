// Device-exclusive (atomic) access: make_device_exclusive and its revocation by a CPU touch
// (hmm-tests.c: exclusive, exclusive_mprotect, exclusive_cow; dmirror CHECK_EXCLUSIVE).
import { beforeEach, describe, expect, it } from 'vitest';
import type { RunReport } from '../result.ts';
import type { Action } from '../../scenario/types.ts';
import { counters, excl, host, none, pagesOf, pte, ptOf, run, TWO_GPUS } from './scenario.ts';
import { runSvm } from './svm.ts';

const EXCLUSIVE_FOUR: Action[] = [
  { op: 'mmap', start: 0, count: 4, prot: 'rw' },
  { op: 'cpu_write', start: 0, count: 4, values: [0, 1, 2, 3] },
  { op: 'make_exclusive', device: 'gpu0', start: 0, count: 4 },
];

describe('exclusive', () => {
  it('replaces each CPU PTE with a device-exclusive entry mapped atomic on the device', () => {
    const r = run([...EXCLUSIVE_FOUR, { op: 'dev_read', device: 'gpu0', start: 0, count: 4 }]);
    expect(r.results[2]).toMatchObject({ status: 'ok', cpages: 4 });
    // Device reads go through the atomic mapping: no fault round, exclusivity kept.
    expect(r.results[3]).toMatchObject({ status: 'ok', faults: 0, values: [0, 1, 2, 3] });
    expect(pagesOf(r)).toEqual([0, 1, 2, 3].map((p) => excl(p, p)));
    expect(ptOf(r, 'gpu0')).toEqual([0, 1, 2, 3].map((p) => pte(p, 'host', p, true, true)));
    // One MMU_NOTIFY_EXCLUSIVE per page; device-side faults are not cpu faults.
    expect(r.counters).toEqual(counters({ cpuFaults: 4, invalidations: 4 }));
  });

  let r: RunReport;
  beforeEach(() => {
    r = run([
      ...EXCLUSIVE_FOUR,
      { op: 'cpu_read', start: 0, count: 4 },
      { op: 'cpu_write', start: 0, count: 4, values: [1, 2, 3, 4] },
      { op: 'cpu_read', start: 0, count: 4 },
      { op: 'check_exclusive', device: 'gpu0', start: 0, count: 4 },
    ]);
  });

  it('gives the pages back to the CPU on touch and revokes the atomic mapping', () => {
    expect(r.results[3]).toMatchObject({ status: 'ok', values: [0, 1, 2, 3] });
    expect(r.results[4].status).toBe('ok');
    expect(r.results[5]).toMatchObject({ status: 'ok', values: [1, 2, 3, 4] });
    expect(r.results[6].status).toBe('ok');
    expect(pagesOf(r)).toEqual([0, 1, 2, 3].map((p) => host(p, p + 1)));
    expect(ptOf(r, 'gpu0')).toEqual([]);
  });

  it('counts one fault and one MMU_NOTIFY_EXCLUSIVE per restored page', () => {
    // The restored PTEs are writable again, so the writes take no fault.
    expect(r.counters).toEqual(counters({ cpuFaults: 8, invalidations: 8 }));
    expect(r.hostFrames.free).toBe(28);
  });
});

describe('exclusive_mprotect', () => {
  let r: RunReport;
  beforeEach(() => {
    r = run([
      ...EXCLUSIVE_FOUR,
      { op: 'mprotect', start: 0, count: 4, prot: 'r' },
      { op: 'dev_write', device: 'gpu0', start: 0, count: 4, value: 9 },
      { op: 'check_exclusive', device: 'gpu0', start: 0, count: 4 },
    ]);
  });

  it('refuses the device write with EPERM', () => {
    expect(r.results[4].status).toBe('EPERM');
    expect(r.results[4].cpages ?? 0).toBe(0);
  });

  it('downgrades the exclusive entries in place and zaps the atomic mirror', () => {
    expect(pagesOf(r)).toEqual([0, 1, 2, 3].map((p) => excl(p, p, false)));
    expect(ptOf(r, 'gpu0')).toEqual([]);
    // dmirror's CHECK_EXCLUSIVE only looks at its own page table, which mprotect emptied.
    expect(r.results[5].status).toBe('ok');
    expect(r.counters).toEqual(counters({ cpuFaults: 4, invalidations: 5 }));
  });
});

describe('check_exclusive', () => {
  let r: RunReport;
  beforeEach(() => {
    r = run([
      { op: 'mmap', start: 0, count: 2, prot: 'rw' },
      { op: 'cpu_write', start: 0, count: 2, values: [5, 6] },
      { op: 'make_exclusive', device: 'gpu0', start: 0, count: 2 },
      { op: 'check_exclusive', device: 'gpu0', start: 0, count: 2 },
      { op: 'cpu_read', start: 0 },
      { op: 'check_exclusive', device: 'gpu0', start: 0, count: 1 },
      { op: 'check_exclusive', device: 'gpu0', start: 0, count: 2 },
    ]);
  });

  it('says EPERM while any page of the range is still atomic-mapped', () => {
    expect(r.results.map((x) => x.status)).toEqual([
      'ok',
      'ok',
      'ok',
      'EPERM',
      'ok',
      'ok',
      'EPERM',
    ]);
    expect(pagesOf(r)).toEqual([host(0, 5), excl(1, 6)]);
    expect(ptOf(r, 'gpu0')).toEqual([pte(1, 'host', 1, true, true)]);
    expect(r.counters).toEqual(counters({ cpuFaults: 3, invalidations: 3 }));
  });
});

describe('make_exclusive edge cases', () => {
  it('faults a never-touched page in writable first', () => {
    const r = run([
      { op: 'mmap', start: 0, count: 1, prot: 'rw' },
      { op: 'make_exclusive', device: 'gpu0', start: 0 },
    ]);
    expect(r.results[1]).toMatchObject({ status: 'ok', cpages: 1 });
    expect(pagesOf(r)).toEqual([excl(0, 0)]);
    // Filling pte_none sends nothing; only the exclusive conversion notifies.
    expect(r.counters).toEqual(counters({ invalidations: 1 }));
    expect(r.hostFrames.free).toBe(31);
  });

  it('stops with EFAULT at a page it cannot fault in for writing', () => {
    const r = run([
      { op: 'mmap', start: 0, count: 1, prot: 'rw' },
      { op: 'mmap', start: 1, count: 1, prot: 'r' },
      { op: 'make_exclusive', device: 'gpu0', start: 0, count: 2 },
      { op: 'check_exclusive', device: 'gpu0', start: 0, count: 1 },
    ]);
    expect(r.results[2].status).toBe('EFAULT');
    expect(r.results[2].cpages ?? 0).toBe(0);
    expect(pagesOf(r)).toEqual([excl(0, 0), none(1)]);
    expect(r.results[3].status).toBe('EPERM');
  });

  it('keeps exclusivity through a device write', () => {
    const r = run([
      ...EXCLUSIVE_FOUR,
      { op: 'dev_write', device: 'gpu0', start: 1, count: 2, value: 9 },
      { op: 'check_exclusive', device: 'gpu0', start: 1, count: 1 },
    ]);
    expect(r.results[3]).toMatchObject({ status: 'ok', cpages: 2, faults: 0 });
    expect(r.results[4].status).toBe('EPERM');
    expect(pagesOf(r)).toEqual([excl(0, 0), excl(1, 9), excl(2, 9), excl(3, 3)]);
  });

  it('restores then re-takes a page already exclusive: two notifications per page', () => {
    const r = run([
      { op: 'mmap', start: 0, count: 1, prot: 'rw' },
      { op: 'cpu_write', start: 0, value: 1 },
      { op: 'make_exclusive', device: 'gpu0', start: 0 },
      { op: 'make_exclusive', device: 'gpu0', start: 0 },
    ]);
    expect(r.results[3]).toMatchObject({ status: 'ok', cpages: 1 });
    expect(pagesOf(r)).toEqual([excl(0, 1)]);
    expect(r.counters).toEqual(counters({ cpuFaults: 1, invalidations: 3 }));
  });

  it('moves exclusivity from one device to another', () => {
    const r = run(
      [
        { op: 'mmap', start: 0, count: 1, prot: 'rw' },
        { op: 'cpu_write', start: 0, value: 1 },
        { op: 'make_exclusive', device: 'gpu0', start: 0 },
        { op: 'make_exclusive', device: 'gpu1', start: 0 },
        { op: 'check_exclusive', device: 'gpu0', start: 0 },
        { op: 'check_exclusive', device: 'gpu1', start: 0 },
      ],
      TWO_GPUS,
    );
    expect(r.results.map((x) => x.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'EPERM']);
    expect(ptOf(r, 'gpu0')).toEqual([]);
    expect(ptOf(r, 'gpu1')).toEqual([pte(0, 'host', 0, true, true)]);
    // 2 devices x (make, restore + make) = 2 + 4.
    expect(r.counters).toEqual(counters({ cpuFaults: 1, invalidations: 6 }));
  });
});

describe('make_exclusive fault-in paths', () => {
  it('brings its own device-private page home first (migrate_to_ram, not a CPU fault)', () => {
    const r = run([
      { op: 'mmap', start: 0, count: 1, prot: 'rw' },
      { op: 'cpu_write', start: 0, value: 5 },
      { op: 'migrate_to_device', device: 'gpu0', start: 0 },
      { op: 'make_exclusive', device: 'gpu0', start: 0 },
    ]);
    expect(r.results[3]).toMatchObject({ status: 'ok', cpages: 1 });
    expect(pagesOf(r)).toEqual([excl(0, 5)]);
    expect(ptOf(r, 'gpu0')).toEqual([pte(0, 'host', 0, true, true)]);
    // gpu0 skips its own MMU_NOTIFY_MIGRATE; only the exclusive conversion counts.
    expect(r.counters).toEqual(
      counters({
        cpuFaults: 1,
        migrateToRam: 1,
        pagesToDevice: 1,
        pagesToHost: 1,
        pageFree: 1,
        invalidations: 1,
      }),
    );
  });

  it('breaks the zero-page COW first: MMU_NOTIFY_CLEAR, then MMU_NOTIFY_EXCLUSIVE', () => {
    const r = run([
      { op: 'mmap', start: 0, count: 1, prot: 'rw' },
      { op: 'cpu_read', start: 0 },
      { op: 'make_exclusive', device: 'gpu0', start: 0 },
    ]);
    expect(r.results[2]).toMatchObject({ status: 'ok', cpages: 1 });
    expect(pagesOf(r)).toEqual([excl(0, 0)]);
    expect(r.counters).toEqual(counters({ cpuFaults: 1, invalidations: 2 }));
    expect(r.hostFrames.free).toBe(31);
  });
});

describe('CPU write and munmap of a device-exclusive page', () => {
  const setup: Action[] = [
    { op: 'mmap', start: 0, count: 1, prot: 'rw' },
    { op: 'cpu_write', start: 0, value: 1 },
    { op: 'make_exclusive', device: 'gpu0', start: 0 },
  ];

  it('a write takes one fault that restores the PTE, then stores', () => {
    const r = run([...setup, { op: 'cpu_write', start: 0, value: 2 }]);
    expect(r.results[3].status).toBe('ok');
    expect(pagesOf(r)).toEqual([host(0, 2)]);
    expect(ptOf(r, 'gpu0')).toEqual([]);
    expect(r.counters).toEqual(counters({ cpuFaults: 2, invalidations: 2 }));
  });

  it('munmap zaps the atomic mapping and frees the frame', () => {
    const r = run([...setup, { op: 'munmap', start: 0, count: 1 }]);
    expect(pagesOf(r)).toEqual([]);
    expect(ptOf(r, 'gpu0')).toEqual([]);
    expect(r.hostFrames.free).toBe(32);
    expect(r.counters).toEqual(counters({ cpuFaults: 1, invalidations: 2 }));
  });
});

describe('make_exclusive beside an svm device', () => {
  it('tells the svm device of an exclusive conversion, not of a migration of its own', () => {
    // xe0 (device 1) binds pages 0–3; gpu0's make_exclusive first faults page 0 home (xe0's own
    // MMU_NOTIFY_MIGRATE), then sends MMU_NOTIFY_EXCLUSIVE, which is nobody's migration.
    const r = runSvm(
      [
        { op: 'mmap', start: 0, count: 4, prot: 'rw' },
        { op: 'cpu_write', start: 0, count: 4, values: [10, 11, 12, 13] },
        { op: 'dev_read', device: 'xe0', start: 1 },
        { op: 'make_exclusive', device: 'gpu0', start: 0 },
      ],
      {
        hostFrames: 32,
        devices: [
          { name: 'gpu0', frames: 8 },
          { name: 'xe0', frames: 8, driver: 'svm', chunk: 4 },
        ],
      },
      true,
    );
    expect(r.results[3]).toMatchObject({ status: 'ok', cpages: 1 });
    const told = r.trace!.filter((w) => w.action === 3 && w.fn === 'xe_svm_invalidate');
    expect(told).toHaveLength(2);
    expect(told[0].text).toContain('(its own migration: an svm device does not skip it)');
    expect(told[1].text).not.toContain('its own migration');
    expect(told[1].text).toContain('xe0 bumps its sequence to 3');
  });
});

describe('make_exclusive whose read-back comes up short', () => {
  it('says -ENOENT at the page a later fault\u2019s chunk migration unmapped from the device', () => {
    // xe0's chunk 4–7 is in VRAM; an mprotect splits the VMA so that a CPU read brings page 4
    // home alone, then the VMAs merge again. make_exclusive 3–5 makes 3 and 4 exclusive; page
    // 5's fault brings the rest of the chunk home with MMU_NOTIFY_MIGRATE over 4–7, which zaps
    // gpu0's atomic entry for page 4. dmirror_do_read stops there.
    const r = runSvm(
      [
        { op: 'mmap', start: 0, count: 8, prot: 'rw' },
        { op: 'cpu_write', start: 0, count: 8, values: [10, 11, 12, 13, 14, 15, 16, 17] },
        { op: 'dev_read', device: 'xe0', start: 4 },
        { op: 'mprotect', start: 5, count: 3, prot: 'r' },
        { op: 'cpu_read', start: 4 },
        { op: 'mprotect', start: 5, count: 3, prot: 'rw' },
        { op: 'make_exclusive', device: 'gpu0', start: 3, count: 3 },
      ],
      {
        hostFrames: 32,
        devices: [
          { name: 'gpu0', frames: 8 },
          { name: 'xe0', frames: 8, driver: 'svm', chunk: 4 },
        ],
      },
      true,
    );
    expect(r.results[6]).toMatchObject({ status: 'ENOENT', cpages: 1 });
    expect(r.pages.slice(3, 6).map((p) => p.cpu)).toEqual([
      'device-exclusive',
      'device-exclusive',
      'device-exclusive',
    ]);
    expect(ptOf(r, 'gpu0').map((e) => e.page)).toEqual([3, 5]);
    const last = r.trace!.filter((w) => w.action === 6).at(-1)!;
    expect(last.fn).toBe('dmirror_do_read');
    expect(last.text).toMatch(/finds no entry for page 4: -ENOENT/);
  });
});
