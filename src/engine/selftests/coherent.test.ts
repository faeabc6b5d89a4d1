// hmm-tests.c, the hmm_device_coherent variant (FIXTURE_VARIANT_ADD(hmm, hmm_device_coherent)):
// migrate, migrate_fault, migrate_multiple, migrate_mixed, double_map, snapshot,
// hmm_cow_in_device, migrate_release; MEMORY_DEVICE_COHERENT pages are mapped by ordinary
// present PTEs (hmm-model-v2.md flows K and L).
import { describe, expect, it } from 'vitest';
import type { Action, ScenarioConfig } from '../../scenario/types.ts';
import type { RunReport } from '../result.ts';
import { countersV2, device, FOUR_PAGES, pagesOf, pte, ptOf, run as runAny } from './scenario.ts';

/** The run, made on first use inside a test (never in a describe body). */
const lazy = (f: () => RunReport) => {
  let v: RunReport | undefined;
  return () => (v ??= f());
};
const COHERENT: ScenarioConfig = {
  hostFrames: 32,
  devices: [
    { name: 'gpu0', frames: 16, memory: 'coherent' },
    { name: 'gpu1', frames: 16, memory: 'coherent' },
  ],
};
const run = (actions: Action[], config = COHERENT): RunReport => runAny(actions, config, true);
const onCoh = (page: number, dev: string, value: number, writable = true, pinned = false) => ({
  page,
  cpu: 'present',
  writable,
  location: dev,
  value,
  pinned,
});
const host = (page: number, value: number, writable = true, pinned = false) => ({
  page,
  cpu: 'present',
  writable,
  location: 'host',
  value,
  pinned,
});
const toGpu0: Action = { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 4 };

describe('registration (flow K)', () => {
  const r = lazy(() => run([]));
  it('registers MEMORY_DEVICE_COHERENT memory with every frame free', () => {
    expect(device(r(), 'gpu0')).toMatchObject({ memory: 'coherent', driver: 'dmirror', free: 16 });
  });
});

describe('migrate (coherent)', () => {
  const r = lazy(() =>
    run([...FOUR_PAGES, toGpu0, { op: 'dev_read', device: 'gpu0', start: 0, count: 4 }]),
  );
  it('moves every page; the CPU keeps present, writable PTEs to the device frames', () => {
    expect(r().results[2]).toMatchObject({ status: 'ok', cpages: 4, migrated: 4 });
    expect(r().results[3]).toMatchObject({ cpages: 4, faults: 0, values: [100, 101, 102, 103] });
    expect(pagesOf(r())).toEqual([0, 1, 2, 3].map((p) => onCoh(p, 'gpu0', 100 + p)));
    expect(ptOf(r(), 'gpu0')).toEqual([0, 1, 2, 3].map((p) => pte(p, 'gpu0', p, true)));
    expect(r().hostFrames).toEqual({ total: 32, free: 32, pinned: 0 });
    expect(r().counters).toEqual(countersV2({ cpuFaults: 4, pagesToDevice: 4, invalidations: 1 }));
  });
});

describe('migrate_fault (coherent): "will not generate any page fault"', () => {
  const r = lazy(() =>
    run([
      ...FOUR_PAGES,
      toGpu0,
      { op: 'cpu_read', start: 0, count: 4 },
      { op: 'cpu_write', start: 1, value: 7 },
      { op: 'migrate_to_host', device: 'gpu0', start: 0, count: 4 },
      { op: 'cpu_read', start: 0, count: 4 },
    ]),
  );
  it('reads and writes coherent memory without a fault or a migration', () => {
    expect(r().results[3]).toMatchObject({ status: 'ok', values: [100, 101, 102, 103] });
    expect(r().counters.cpuFaults).toBe(4);
    expect(r().counters.migrateToRam).toBe(0);
  });
  it('migrates back only on MIGRATE_TO_SYS (SELECT_DEVICE_COHERENT), then frees the frames', () => {
    expect(r().results[5]).toMatchObject({ status: 'ok', cpages: 4 });
    expect(r().results[6]).toMatchObject({ values: [100, 7, 102, 103] });
    expect(pagesOf(r())).toEqual([host(0, 100), host(1, 7), host(2, 102), host(3, 103)]);
    expect(device(r(), 'gpu0').free).toBe(16);
    expect(r().counters).toMatchObject({ pagesToHost: 4, pageFree: 4, migrateToRam: 0 });
  });
});

describe('migrate_multiple (coherent)', () => {
  const actions: Action[] = [{ op: 'mmap', start: 0, count: 4, prot: 'rw' }];
  for (let i = 0; i < 3; i++)
    actions.push({ op: 'cpu_write', start: 0, count: 4, value: i }, toGpu0, {
      op: 'migrate_to_host',
      device: 'gpu0',
      start: 0,
      count: 4,
    });
  const r = lazy(() => run(actions));
  it('goes there and back again every time', () => {
    for (const i of [2, 5, 8]) expect(r().results[i]).toMatchObject({ cpages: 4, migrated: 4 });
    for (const i of [3, 6, 9]) expect(r().results[i]).toMatchObject({ cpages: 4 });
    expect(r().counters).toMatchObject({ pagesToDevice: 12, pagesToHost: 12, pageFree: 12 });
  });
});

describe('migrate_mixed (coherent): pages already in device memory are not selected', () => {
  const r = lazy(() =>
    run([...FOUR_PAGES, { op: 'migrate_to_device', device: 'gpu1', start: 1, count: 1 }, toGpu0]),
  );
  it('leaves gpu1 page where it is and reads back ENOENT there', () => {
    expect(r().results[3]).toMatchObject({ status: 'ENOENT', cpages: 1, migrated: 3 });
    expect(pagesOf(r())).toEqual([
      onCoh(0, 'gpu0', 100),
      onCoh(1, 'gpu1', 101),
      onCoh(2, 'gpu0', 102),
      onCoh(3, 'gpu0', 103),
    ]);
  });
});

describe('double_map (coherent): another device maps coherent memory in place', () => {
  const r = lazy(() =>
    run([
      ...FOUR_PAGES,
      toGpu0,
      { op: 'dev_read', device: 'gpu1', start: 0, count: 4 },
      { op: 'snapshot', device: 'gpu0', start: 0, count: 4 },
      { op: 'snapshot', device: 'gpu1', start: 0, count: 4 },
    ]),
  );
  it('gpu1 reads through one fault round and nothing migrates', () => {
    expect(r().results[3]).toMatchObject({ status: 'ok', cpages: 4, faults: 1 });
    expect(r().results[3].values).toEqual([100, 101, 102, 103]);
    expect(ptOf(r(), 'gpu1')).toEqual([0, 1, 2, 3].map((p) => pte(p, 'gpu0', p, true)));
    expect(r().counters).toMatchObject({ migrateToRam: 0, pagesToHost: 0 });
  });
  it('snapshot: DEV_COHERENT_LOCAL for the owner, DEV_COHERENT_REMOTE for the other', () => {
    expect(r().results[4].snapshot).toEqual(Array(4).fill('dev-coherent-local+write'));
    expect(r().results[5].snapshot).toEqual(Array(4).fill('dev-coherent-remote+write'));
  });
});

describe('hmm_cow_in_device (coherent): pages are duplicated directly from device memory', () => {
  const r = lazy(() =>
    run([
      ...FOUR_PAGES,
      toGpu0,
      { op: 'fork' },
      { op: 'snapshot', device: 'gpu0', start: 0, count: 4 },
      { op: 'cpu_write', start: 0, value: 9, pid: 2 },
      { op: 'cpu_write', start: 1, value: 8 },
      { op: 'cpu_read', start: 0, count: 4, pid: 2 },
    ]),
  );
  it('fork write-protects both sides, still in device memory', () => {
    expect(r().results[4].snapshot).toEqual(Array(4).fill('dev-coherent-local+read'));
  });
  it('a write copies straight from the device frame (wp_page_copy, no migrate_to_ram)', () => {
    expect(pagesOf(r(), 2)).toEqual([
      host(0, 9),
      onCoh(1, 'gpu0', 101, false),
      onCoh(2, 'gpu0', 102, false),
      onCoh(3, 'gpu0', 103, false),
    ]);
    expect(pagesOf(r(), 1)).toEqual([
      onCoh(0, 'gpu0', 100, false),
      host(1, 8),
      onCoh(2, 'gpu0', 102, false),
      onCoh(3, 'gpu0', 103, false),
    ]);
    expect(r().results[7].values).toEqual([9, 101, 102, 103]);
    expect(r().counters).toMatchObject({ migrateToRam: 0, cpuFaults: 6, pageFree: 0 });
  });
  it('the last mapper writes in place (wp_page_reuse)', () => {
    const r2 = run([
      ...FOUR_PAGES,
      toGpu0,
      { op: 'fork' },
      { op: 'cpu_write', start: 0, value: 9, pid: 2 },
      { op: 'cpu_write', start: 0, value: 5 },
    ]);
    expect(pagesOf(r2, 1)[0]).toEqual(onCoh(0, 'gpu0', 5));
  });
  it("migrating a shared page home moves the child's mapping too (try_to_migrate's rmap walk)", () => {
    const r3 = run([
      ...FOUR_PAGES,
      toGpu0,
      { op: 'fork' },
      { op: 'migrate_to_host', device: 'gpu0', start: 0, count: 1 },
    ]);
    expect(r3.results[4]).toMatchObject({ status: 'ok', cpages: 1 });
    expect(pagesOf(r3, 1)[0]).toEqual(host(0, 100, false));
    expect(pagesOf(r3, 2)[0]).toEqual(host(0, 100, false));
    // One host frame for both; the device frame is freed once, after both let go of it.
    expect(r3.hostFrames.free).toBe(31);
    expect(device(r3, 'gpu0').free).toBe(13);
    expect(r3.counters).toMatchObject({ pagesToHost: 1, pageFree: 1 });
  });
});

describe('migrate_release (coherent)', () => {
  const r = lazy(() => run([...FOUR_PAGES, toGpu0, { op: 'release', device: 'gpu0' }]));
  it('evicts every page home (migrate_device_range): pagesEvicted', () => {
    expect(r().results[3]).toMatchObject({ status: 'ok', cpages: 4 });
    expect(pagesOf(r())).toEqual([0, 1, 2, 3].map((p) => host(p, 100 + p)));
    expect(r().counters).toMatchObject({ pagesToHost: 4, pagesEvicted: 4, pageFree: 4 });
    expect(device(r(), 'gpu0').free).toBe(16);
  });
  it('munmap frees coherent pages through page_free', () => {
    const r2 = run([...FOUR_PAGES, toGpu0, { op: 'munmap', start: 0, count: 4 }]);
    expect(device(r2, 'gpu0').free).toBe(16);
    expect(r2.counters.pageFree).toBe(4);
  });
});

describe('exclusive access on a coherent page works in place', () => {
  const r = lazy(() =>
    run([
      ...FOUR_PAGES,
      toGpu0,
      { op: 'make_exclusive', device: 'gpu1', start: 0, count: 2 },
      { op: 'cpu_read', start: 0 },
      { op: 'check_exclusive', device: 'gpu1', start: 0, count: 2 },
    ]),
  );
  it('keeps the data in gpu0 memory and a CPU touch restores the PTE to the same frame', () => {
    expect(r().results[3]).toMatchObject({ status: 'ok', cpages: 2 });
    expect(r().results[5].status).toBe('EPERM');
    expect(pagesOf(r()).slice(0, 2)).toEqual([
      onCoh(0, 'gpu0', 100),
      { ...onCoh(1, 'gpu0', 101), cpu: 'device-exclusive' },
    ]);
  });
});
