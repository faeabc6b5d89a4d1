// The looping selftests, three rounds instead of NTIMES, and a partial munmap of device memory
// (hmm-tests.c: migrate_multiple, anon_read_multiple, migrate_partial_unmap_fault).
import { beforeEach, describe, expect, it } from 'vitest';
import type { RunReport } from '../result.ts';
import type { Action } from '../../scenario/types.ts';
import { counters, device, host, pagesOf, run } from './scenario.ts';

const ROUNDS = [0, 1, 2];
const vals = (c: number) => [0, 1, 2, 3].map((i) => 10 * c + i);

describe('migrate_multiple', () => {
  let r: RunReport;
  beforeEach(() => {
    r = run(
      ROUNDS.flatMap((c): Action[] => [
        { op: 'mmap', start: 0, count: 4, prot: 'rw' },
        { op: 'cpu_write', start: 0, count: 4, values: vals(c) },
        { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 4 },
        { op: 'cpu_read', start: 0, count: 4 },
        { op: 'munmap', start: 0, count: 4 },
      ]),
    );
  });

  it('migrates and faults back every round', () => {
    for (const c of ROUNDS) {
      expect(r.results[5 * c + 2]).toMatchObject({ status: 'ok', cpages: 4, migrated: 4 });
      expect(r.results[5 * c + 3]).toMatchObject({ status: 'ok', values: vals(c) });
    }
  });

  it('ends with nothing mapped and every frame free', () => {
    expect(pagesOf(r)).toEqual([]);
    expect(device(r, 'gpu0').free).toBe(16);
    expect(r.hostFrames.free).toBe(32);
    // Per round: 4 write faults + 4 read faults that call migrate_to_ram; the munmap of host
    // pages is the only notifier gpu0 acts on (its own migrations are skipped).
    expect(r.counters).toEqual(
      counters({
        cpuFaults: 24,
        migrateToRam: 12,
        pagesToDevice: 12,
        pagesToHost: 12,
        pageFree: 12,
        invalidations: 3,
      }),
    );
  });
});

describe('anon_read_multiple', () => {
  it('reads fresh data each round with one fault round', () => {
    const r = run(
      ROUNDS.flatMap((c): Action[] => [
        { op: 'mmap', start: 0, count: 4, prot: 'rw' },
        { op: 'cpu_write', start: 0, count: 4, values: vals(c) },
        { op: 'dev_read', device: 'gpu0', start: 0, count: 4 },
        { op: 'munmap', start: 0, count: 4 },
      ]),
    );
    for (const c of ROUNDS) {
      expect(r.results[4 * c + 2]).toMatchObject({
        status: 'ok',
        cpages: 4,
        faults: 1,
        values: vals(c),
      });
    }
    expect(r.counters).toEqual(counters({ cpuFaults: 12, deviceFaults: 3, invalidations: 3 }));
  });
});

describe('migrate_partial_unmap_fault', () => {
  it('frees the unmapped device pages and faults the rest back', () => {
    const r = run([
      { op: 'mmap', start: 0, count: 8, prot: 'rw' },
      { op: 'cpu_write', start: 0, count: 8, values: [0, 1, 2, 3, 4, 5, 6, 7] },
      { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 8 },
      { op: 'munmap', start: 2, count: 4 },
      { op: 'cpu_read', start: 0, count: 2 },
      { op: 'cpu_read', start: 6, count: 2 },
    ]);
    expect(r.results[4]).toMatchObject({ status: 'ok', values: [0, 1] });
    expect(r.results[5]).toMatchObject({ status: 'ok', values: [6, 7] });
    expect(pagesOf(r)).toEqual([host(0, 0), host(1, 1), host(6, 6), host(7, 7)]);
    expect(device(r, 'gpu0').free).toBe(16);
    // munmap frees 4 device pages (page_free), the reads bring 4 home: 8 page_free in all.
    expect(r.counters).toEqual(
      counters({
        cpuFaults: 12,
        migrateToRam: 4,
        pagesToDevice: 8,
        pagesToHost: 4,
        pageFree: 8,
        invalidations: 1,
      }),
    );
  });
});
