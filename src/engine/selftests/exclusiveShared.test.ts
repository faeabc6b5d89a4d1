// make_exclusive over shmem (hmm-model.md G): folio_make_device_exclusive takes anonymous
// folios only and refuses the others before any notifier call; dmirror_exclusive then sees
// fewer pages made exclusive than it asked for and returns -EBUSY before its read-back
// (lib/test_hmm.c, kernels 5.14–6.14).
import { beforeEach, describe, expect, it } from 'vitest';
import type { RunReport } from '../result.ts';
import type { Action } from '../../scenario/types.ts';
import { runScenario } from '../../timeline/run.ts';
import { build, counters, excl, host, pagesOf, pte, ptOf, run, TWO_GPUS } from './scenario.ts';

describe('exclusive over a MAP_SHARED page the device already mirrors', () => {
  let r: RunReport;
  beforeEach(() => {
    r = run([
      { op: 'mmap', start: 0, count: 1, prot: 'rw', shared: true },
      { op: 'cpu_write', start: 0, value: 5 },
      { op: 'dev_read', device: 'gpu0', start: 0 },
      { op: 'make_exclusive', device: 'gpu0', start: 0 },
    ]);
  });

  it('returns EBUSY with cpages 0 although the read-back would have found the mirror entry', () => {
    expect(r.results[3]).toEqual({ i: 3, op: 'make_exclusive', status: 'EBUSY', cpages: 0 });
  });

  it('leaves the page present and the earlier read mapping as it was', () => {
    expect(pagesOf(r)).toEqual([host(0, 5)]);
    expect(ptOf(r, 'gpu0')).toEqual([pte(0, 'host', 0, true)]);
  });

  it('sends no MMU_NOTIFY_EXCLUSIVE', () => {
    expect(r.counters).toEqual(counters({ cpuFaults: 1, deviceFaults: 1 }));
  });
});

describe('exclusive over a range of private pages and one shared page', () => {
  const MIXED: Action[] = [
    { op: 'mmap', start: 0, count: 2, prot: 'rw' },
    { op: 'mmap', start: 2, count: 1, prot: 'rw', shared: true },
    { op: 'make_exclusive', device: 'gpu0', start: 0, count: 3 },
  ];

  it('makes the anonymous pages exclusive and still returns EBUSY, cpages 0', () => {
    const r = run(MIXED);
    expect(r.results[2]).toEqual({ i: 2, op: 'make_exclusive', status: 'EBUSY', cpages: 0 });
    expect(pagesOf(r)).toEqual([excl(0, 0), excl(1, 0), host(2, 0)]);
    expect(ptOf(r, 'gpu0')).toEqual([pte(0, 'host', 0, true, true), pte(1, 'host', 1, true, true)]);
    // One MMU_NOTIFY_EXCLUSIVE per anonymous page, none for the shmem page; faults taken on the
    // device's behalf are not CPU faults.
    expect(r.counters).toEqual(counters({ invalidations: 2 }));
  });

  it('notifies every device for the anonymous pages only', () => {
    const r = run(MIXED, TWO_GPUS);
    expect(r.results[2].status).toBe('EBUSY');
    expect(r.counters).toEqual(counters({ invalidations: 4 }));
  });

  it('narrates the refusal and the early return in the kernel functions that do them', () => {
    const last = (runScenario(build(MIXED), { trace: true }).trace ?? []).filter(
      (w) => w.action === 2,
    );
    const fns = last.map((w) => w.fn);
    expect(fns).toContain('folio_make_device_exclusive');
    expect(fns.at(-1)).toBe('dmirror_exclusive');
    expect(last.at(-1)?.text).toMatch(/-EBUSY/);
    // The refusal comes before any notifier call for page 2.
    const refusal = fns.indexOf('folio_make_device_exclusive');
    expect(last.slice(refusal).some((w) => w.text.includes('MMU_NOTIFY_EXCLUSIVE'))).toBe(false);
    expect(last.some((w) => w.fn === 'dmirror_do_read')).toBe(false);
  });

  it('stops at a page it cannot fault in writable with EFAULT, shared page or not', () => {
    const r = run([
      { op: 'mmap', start: 0, count: 1, prot: 'rw', shared: true },
      { op: 'mmap', start: 1, count: 1, prot: 'r' },
      { op: 'make_exclusive', device: 'gpu0', start: 0, count: 2 },
    ]);
    expect(r.results[2]).toMatchObject({ status: 'EFAULT', cpages: 0 });
    expect(r.counters.invalidations).toBe(0);
  });
});
