// Running out of frames: device memory full, FAIL_ALLOC, host RAM full while pages come home
// (hmm-tests.c: migrate_anon_huge_err and _zero_err at page size; scenario-format.md rules).
import { beforeEach, describe, expect, it } from 'vitest';
import type { RunReport } from '../result.ts';
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
  valuesOf,
  FOUR_PAGES,
} from './scenario.ts';

describe('device memory full', () => {
  const small = { hostFrames: 32, devices: [{ name: 'gpu0', frames: 2 }] };

  it('migrates what fits and the verification read stops at the first page left behind', () => {
    const r = run(
      [...FOUR_PAGES, { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 4 }],
      small,
    );
    expect(r.results[2]).toMatchObject({ status: 'ENOENT', cpages: 2, migrated: 2 });
    expect(pagesOf(r)).toEqual([
      onDev(0, 'gpu0', 100),
      onDev(1, 'gpu0', 101),
      host(2, 102),
      host(3, 103),
    ]);
    expect(device(r, 'gpu0').free).toBe(0);
    expect(r.hostFrames.free).toBe(30);
    expect(r.counters).toEqual(counters({ cpuFaults: 4, pagesToDevice: 2 }));
  });

  it('still reads pages it already mirrored on host frames (migrated tells the truth)', () => {
    const r = run(
      [
        ...FOUR_PAGES,
        { op: 'dev_read', device: 'gpu0', start: 0, count: 4 },
        { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 4 },
      ],
      small,
    );
    expect(r.results[3]).toMatchObject({ status: 'ok', cpages: 4, migrated: 2 });
    expect(ptOf(r, 'gpu0')).toEqual([
      pte(0, 'gpu0', 0, true),
      pte(1, 'gpu0', 1, true),
      pte(2, 'host', 2, true),
      pte(3, 'host', 3, true),
    ]);
    expect(r.counters).toEqual(counters({ cpuFaults: 4, deviceFaults: 1, pagesToDevice: 2 }));
  });
});

describe('fail_next_alloc', () => {
  let r: RunReport;
  beforeEach(() => {
    r = run([
      ...FOUR_PAGES,
      { op: 'fail_next_alloc', device: 'gpu0' },
      { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 4 },
      { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 4 },
    ]);
  });

  it('fails only the next allocation: page 0 stays, pages 1-3 move', () => {
    expect(r.results[2].status).toBe('ok');
    // The verification read stops at page 0, which is not in gpu0's page table.
    expect(r.results[3]).toMatchObject({ status: 'ENOENT', cpages: 0, migrated: 3 });
  });

  it('moves page 0 on the next try, into the lowest free frame', () => {
    expect(r.results[4]).toMatchObject({ status: 'ok', cpages: 4, migrated: 1 });
    expect(pagesOf(r)).toEqual([0, 1, 2, 3].map((p) => onDev(p, 'gpu0', 100 + p)));
    expect(ptOf(r, 'gpu0')).toEqual([
      pte(0, 'gpu0', 3, true),
      pte(1, 'gpu0', 0, true),
      pte(2, 'gpu0', 1, true),
      pte(3, 'gpu0', 2, true),
    ]);
    expect(r.counters).toEqual(counters({ cpuFaults: 4, pagesToDevice: 4 }));
  });
});

describe('host RAM full', () => {
  it('stops with ENOMEM when host RAM is full, cpages = pages moved', () => {
    const r = run(
      [
        { op: 'mmap', start: 0, count: 3, prot: 'rw' },
        { op: 'cpu_write', start: 0, count: 2, values: [1, 2] },
        { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 3 },
        { op: 'mmap', start: 5, count: 2, prot: 'rw' },
        { op: 'cpu_write', start: 5, count: 2, values: [5, 6] },
        { op: 'migrate_to_host', device: 'gpu0', start: 0, count: 3 },
      ],
      { hostFrames: 3, devices: [{ name: 'gpu0', frames: 8 }] },
    );
    // Page 2 was pte_none: it migrates as a zero-filled device page.
    expect(r.results[2]).toMatchObject({ status: 'ok', cpages: 3, migrated: 3 });
    expect(r.results[5]).toMatchObject({ status: 'ENOMEM', cpages: 1 });
    expect(pagesOf(r)).toEqual([
      host(0, 1),
      onDev(1, 'gpu0', 2),
      onDev(2, 'gpu0', 0),
      host(5, 5),
      host(6, 6),
    ]);
    expect(device(r, 'gpu0').free).toBe(6);
    expect(r.hostFrames.free).toBe(0);
    expect(r.counters).toEqual(
      counters({ cpuFaults: 4, pagesToDevice: 3, pagesToHost: 1, pageFree: 1 }),
    );
  });

  it('stays on the device with ENOMEM when migrate_to_ram finds no host frame', () => {
    const r = run(
      [
        { op: 'mmap', start: 0, count: 2, prot: 'rw' },
        { op: 'cpu_write', start: 0, value: 5 },
        { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 1 },
        { op: 'cpu_write', start: 1, value: 6 },
        { op: 'cpu_read', start: 0 },
      ],
      { hostFrames: 1, devices: [{ name: 'gpu0', frames: 4 }] },
    );
    expect(r.results[4].status).toBe('ENOMEM');
    expect(valuesOf(r, 4)).toEqual([]);
    expect(pagesOf(r)).toEqual([onDev(0, 'gpu0', 5), host(1, 6)]);
    expect(r.counters).toEqual(counters({ cpuFaults: 3, migrateToRam: 1, pagesToDevice: 1 }));
  });
});

describe('host RAM full inside hmm_range_fault', () => {
  it('fails the fault round with EFAULT; the page already faulted in stays', () => {
    const r = run(
      [
        { op: 'mmap', start: 0, count: 2, prot: 'rw' },
        { op: 'dev_write', device: 'gpu0', start: 0, count: 2, values: [1, 2] },
      ],
      { hostFrames: 1, devices: [{ name: 'gpu0', frames: 4 }] },
    );
    expect(r.results[1].status).toBe('EFAULT');
    expect(r.results[1].cpages ?? 0).toBe(0);
    expect(r.results[1].faults ?? 0).toBe(0);
    expect(ptOf(r, 'gpu0')).toEqual([]);
    expect(pagesOf(r)).toEqual([host(0, 0), none(1)]);
    expect(r.counters).toEqual(counters({}));
  });
});
