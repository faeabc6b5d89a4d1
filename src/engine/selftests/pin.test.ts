// pin_user_pages / unpin_user_pages (hmm-model-v2.md flows M and N): hmm-tests.c hmm_gup_test
// in both variants, and what a pin changes for migration, munmap and fork.
import { describe, expect, it } from 'vitest';
import type { Action, ScenarioConfig } from '../../scenario/types.ts';
import type { RunReport } from '../result.ts';
import { device, FOUR_PAGES, ONE_GPU, pagesOf, run as runAny } from './scenario.ts';

/** The run, made on first use inside a test (never in a describe body). */
const lazy = (f: () => RunReport) => {
  let v: RunReport | undefined;
  return () => (v ??= f());
};
const COHERENT: ScenarioConfig = {
  hostFrames: 32,
  devices: [{ name: 'gpu0', frames: 16, memory: 'coherent' }],
};
const run = (actions: Action[], config = COHERENT): RunReport => runAny(actions, config, true);
const toGpu0: Action = { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 4 };
const at = (r: RunReport, page: number, pid = 1) => pagesOf(r, pid).find((p) => p.page === page)!;

describe('hmm_gup_test (coherent)', () => {
  const r = lazy(() =>
    run([
      ...FOUR_PAGES,
      toGpu0,
      { op: 'pin', start: 0, count: 2, longterm: false },
      { op: 'pin', start: 2, count: 2 },
      { op: 'snapshot', device: 'gpu0', start: 0, count: 4 },
    ]),
  );
  it('pins 0–1 in place without FOLL_LONGTERM; 2–3 come home for the long-term pin', () => {
    expect(r().results[3]).toMatchObject({ status: 'ok', pinned: 2, pin: 1 });
    expect(r().results[4]).toMatchObject({ status: 'ok', pinned: 2, pin: 2 });
    expect(r().results[5].snapshot).toEqual([
      'dev-coherent-local+write',
      'dev-coherent-local+write',
      'write',
      'write',
    ]);
    expect(at(r(), 0)).toMatchObject({ location: 'gpu0', pinned: true });
    expect(at(r(), 2)).toMatchObject({ location: 'host', pinned: true, value: 102 });
    expect(r().counters).toMatchObject({ pagesPinned: 4, pinMigrations: 2, pagesToHost: 2 });
    expect(r().counters.pageFree).toBe(2);
    expect(r().hostFrames.pinned).toBe(2);
    expect(device(r(), 'gpu0').pinned).toBe(2);
  });
  it('unpin drops the pins; the pages stay mapped', () => {
    const r2 = run([
      ...FOUR_PAGES,
      toGpu0,
      { op: 'pin', start: 0, count: 4 },
      { op: 'unpin', pin: 1 },
    ]);
    expect(r2.results[4].status).toBe('ok');
    expect(r2.hostFrames).toEqual({ total: 32, free: 28, pinned: 0 });
    expect(pagesOf(r2).every((p) => p.location === 'host' && !p.pinned)).toBe(true);
  });
});

describe('hmm_gup_test (private): GUP faults a device-private page home first', () => {
  const r = lazy(() =>
    runAny([...FOUR_PAGES, toGpu0, { op: 'pin', start: 0, count: 4 }], ONE_GPU, true),
  );
  it('calls migrate_to_ram for each page (not CPU faults) and pins host pages', () => {
    expect(r().results[3]).toMatchObject({ status: 'ok', pinned: 4, pin: 1 });
    expect(r().counters).toMatchObject({ migrateToRam: 4, cpuFaults: 4, pinMigrations: 0 });
    expect(pagesOf(r()).map((p) => [p.cpu, p.location, p.pinned])).toEqual(
      Array(4).fill(['present', 'host', true]),
    );
  });
});

describe('a pinned page never migrates', () => {
  it('migrate_to_device leaves a pinned host page home: ENOENT at it', () => {
    const r = runAny(
      [
        ...FOUR_PAGES,
        { op: 'pin', start: 1 },
        { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 4 },
      ],
      ONE_GPU,
      true,
    );
    expect(r.results[3]).toMatchObject({ status: 'ENOENT', cpages: 1, migrated: 3 });
    expect(at(r, 1)).toMatchObject({ location: 'host', pinned: true, value: 101 });
  });
  it('migrate_to_host and release leave a short-term-pinned coherent page in device memory', () => {
    const r = run([
      ...FOUR_PAGES,
      toGpu0,
      { op: 'pin', start: 0, longterm: false },
      { op: 'migrate_to_host', device: 'gpu0', start: 0, count: 2 },
      { op: 'release', device: 'gpu0' },
    ]);
    expect(r.results[4]).toMatchObject({ status: 'ok', cpages: 1 });
    expect(r.results[5]).toMatchObject({ status: 'ok', cpages: 2 });
    expect(at(r, 0)).toMatchObject({ location: 'gpu0', pinned: true, value: 100 });
    expect(r.counters.pagesEvicted).toBe(2);
  });
});

describe('a pin outlives munmap', () => {
  const r = lazy(() =>
    run([...FOUR_PAGES, { op: 'pin', start: 0, count: 2 }, { op: 'munmap', start: 0, count: 4 }]),
  );
  it('keeps the pinned frames allocated, mapped by nobody, until unpin', () => {
    expect(r().pages).toEqual([]);
    expect(r().hostFrames).toEqual({ total: 32, free: 30, pinned: 2 });
    const r2 = run([
      ...FOUR_PAGES,
      { op: 'pin', start: 0, count: 2 },
      { op: 'munmap', start: 0, count: 4 },
      { op: 'unpin', pin: 1 },
    ]);
    expect(r2.hostFrames).toEqual({ total: 32, free: 32, pinned: 0 });
  });
  it('a coherent frame pinned short-term is freed by page_free at unpin', () => {
    const r3 = run([
      ...FOUR_PAGES,
      toGpu0,
      { op: 'pin', start: 0, longterm: false },
      { op: 'munmap', start: 0, count: 4 },
    ]);
    expect(device(r3, 'gpu0')).toMatchObject({ free: 15, pinned: 1 });
    const r4 = run([
      ...FOUR_PAGES,
      toGpu0,
      { op: 'pin', start: 0, longterm: false },
      { op: 'munmap', start: 0, count: 4 },
      { op: 'unpin', pin: 1 },
    ]);
    expect(device(r4, 'gpu0')).toMatchObject({ free: 16, pinned: 0 });
    expect(r4.counters.pageFree).toBe(4);
  });
});

describe('fork of a pinned page copies at once', () => {
  const r = lazy(() =>
    run([
      ...FOUR_PAGES,
      { op: 'pin', start: 0 },
      { op: 'fork' },
      { op: 'cpu_write', start: 0, value: 5 },
      { op: 'cpu_write', start: 0, value: 6, pid: 2 },
    ]),
  );
  it('the parent keeps its writable PTE, the child has its own copy: no COW fault later', () => {
    expect(at(r(), 0)).toMatchObject({ writable: true, pinned: true, value: 5 });
    expect(at(r(), 0, 2)).toMatchObject({ writable: true, pinned: false, value: 6 });
    // 4 first touches; the pinned page takes no COW fault on either side.
    expect(r().counters.cpuFaults).toBe(4);
    expect(at(r(), 1)).toMatchObject({ writable: false });
  });
});

describe('pin errors', () => {
  it('EFAULT at a hole or a read-only VMA; the pages before stay pinned', () => {
    const r = run([
      { op: 'mmap', start: 0, count: 2, prot: 'rw' },
      { op: 'mmap', start: 2, count: 1, prot: 'r' },
      { op: 'pin', start: 0, count: 4 },
      { op: 'pin', start: 5 },
      { op: 'unpin', pin: 2 },
      { op: 'unpin', pin: 1 },
      { op: 'unpin', pin: 1 },
    ]);
    expect(r.results[2]).toMatchObject({ status: 'EFAULT', pinned: 2, pin: 1 });
    expect(r.results[3]).toEqual({ i: 3, op: 'pin', status: 'EFAULT', pinned: 0 });
    expect(r.results[4].status).toBe('EINVAL');
    expect(r.results[5].status).toBe('ok');
    expect(r.results[6].status).toBe('EINVAL');
  });
  it('ENOMEM when faulting a page in needs a host frame', () => {
    const r = run(
      [
        { op: 'mmap', start: 0, count: 4, prot: 'rw' },
        { op: 'pin', start: 0, count: 4 },
      ],
      { hostFrames: 2, devices: [{ name: 'gpu0', frames: 4 }] },
    );
    expect(r.results[1]).toMatchObject({ status: 'ENOMEM', pinned: 2, pin: 1 });
  });
  it('EBUSY with pinned 0 when a coherent page cannot come home', () => {
    const r = run(
      [
        { op: 'mmap', start: 0, count: 2, prot: 'rw' },
        { op: 'cpu_write', start: 0, count: 2, value: 3 },
        { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 2 },
        { op: 'mmap', start: 4, count: 2, prot: 'rw' },
        { op: 'cpu_write', start: 4, count: 2, value: 4 },
        { op: 'pin', start: 0, count: 2 },
      ],
      { hostFrames: 2, devices: [{ name: 'gpu0', frames: 4, memory: 'coherent' }] },
    );
    expect(r.results[5]).toEqual({ i: 5, op: 'pin', status: 'EBUSY', pinned: 0 });
    expect(r.hostFrames.pinned).toBe(0);
    expect(device(r, 'gpu0').pinned).toBe(0);
    expect(pagesOf(r)[0]).toMatchObject({ location: 'gpu0', value: 3 });
  });
});
