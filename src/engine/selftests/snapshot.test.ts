// hmm_range_fault without HMM_PFN_REQ_FAULT: what the device sees, nothing faulted in
// (hmm-tests.c: hmm2 snapshot, mixedmap; dmirror_mkentry). The contract gives snapshot results
// only a `snapshot` field (dmirror's cpages = npages is implied by its length).
import { beforeEach, describe, expect, it } from 'vitest';
import type { RunReport } from '../result.ts';
import type { Action } from '../../scenario/types.ts';
import { runScenario } from '../../timeline/run.ts';
import {
  build,
  counters,
  excl,
  host,
  none,
  onDev,
  pagesOf,
  run,
  TWO_GPUS,
  zero,
} from './scenario.ts';

describe('snapshot (hmm2)', () => {
  let r: RunReport;
  beforeEach(() => {
    r = run(
      [
        { op: 'mmap', start: 0, count: 7, prot: 'none' },
        { op: 'munmap', start: 1, count: 1 },
        { op: 'mprotect', start: 2, count: 1, prot: 'r' },
        { op: 'cpu_read', start: 2 },
        { op: 'mprotect', start: 3, count: 1, prot: 'rw' },
        { op: 'cpu_write', start: 3, value: 3 },
        { op: 'mprotect', start: 3, count: 1, prot: 'r' },
        { op: 'mprotect', start: 4, count: 3, prot: 'rw' },
        { op: 'cpu_write', start: 4, value: 3 },
        { op: 'migrate_to_device', device: 'gpu0', start: 5, count: 1 },
        { op: 'migrate_to_device', device: 'gpu1', start: 6, count: 1 },
        { op: 'snapshot', device: 'gpu0', start: 0, count: 7 },
      ],
      TWO_GPUS,
    );
  });

  it('reports error, zero, read, write, local device-private and remote as none', () => {
    expect(r.results[9]).toMatchObject({ status: 'ok', cpages: 1 });
    expect(r.results[10]).toMatchObject({ status: 'ok', cpages: 1 });
    expect(r.results[11]).toMatchObject({
      status: 'ok',
      snapshot: ['error', 'error', 'zero+read', 'read', 'write', 'dev-private-local+write', 'none'],
    });
  });

  it('faults nothing in', () => {
    expect(pagesOf(r)).toEqual([
      none(0),
      zero(2),
      host(3, 3, false),
      host(4, 3),
      onDev(5, 'gpu0', 0),
      onDev(6, 'gpu1', 0),
    ]);
    // munmap + 4 mprotects reach both devices (10); each migration reaches the other one (2).
    expect(r.counters).toEqual(counters({ cpuFaults: 3, pagesToDevice: 2, invalidations: 12 }));
  });
});

describe('snapshot of never-touched, exclusive and read-only device pages', () => {
  let r: RunReport;
  beforeEach(() => {
    r = run([
      { op: 'mmap', start: 0, count: 3, prot: 'rw' },
      { op: 'mmap', start: 3, count: 1, prot: 'r' },
      { op: 'cpu_write', start: 1, value: 1 },
      { op: 'make_exclusive', device: 'gpu0', start: 2 },
      { op: 'migrate_to_device', device: 'gpu0', start: 3 },
      { op: 'snapshot', device: 'gpu0', start: 0, count: 4 },
    ]);
  });

  it('says none for pte_none and for a device-exclusive entry', () => {
    expect(r.results[5]).toMatchObject({
      status: 'ok',
      snapshot: ['none', 'write', 'none', 'dev-private-local+read'],
    });
  });

  it('leaves every page as it was', () => {
    expect(pagesOf(r)).toEqual([none(0), host(1, 1), excl(2, 0), onDev(3, 'gpu0', 0, false)]);
    expect(r.counters).toEqual(counters({ cpuFaults: 1, pagesToDevice: 1, invalidations: 1 }));
  });
});

describe('snapshot over a hole only', () => {
  it('succeeds with error entries', () => {
    const r = run([{ op: 'snapshot', device: 'gpu0', start: 10, count: 2 }]);
    expect(r.results[0]).toMatchObject({ status: 'ok', snapshot: ['error', 'error'] });
    expect(r.counters).toEqual(counters({}));
  });
});

describe('snapshot of the zero page in a writable VMA', () => {
  it('is zero+read: the zero page is never writable', () => {
    const r = run([
      { op: 'mmap', start: 0, count: 1, prot: 'rw' },
      { op: 'cpu_read', start: 0 },
      { op: 'snapshot', device: 'gpu0', start: 0 },
    ]);
    expect(r.results[2]).toMatchObject({ status: 'ok', snapshot: ['zero+read'] });
  });
});

describe('snapshot narration', () => {
  it('names read_begin, the walk without HMM_PFN_REQ_FAULT and the permissions it made', () => {
    const actions: Action[] = [
      { op: 'mmap', start: 0, count: 2, prot: 'rw' },
      { op: 'cpu_write', start: 1, value: 4 },
      { op: 'snapshot', device: 'gpu0', start: 0, count: 2 },
    ];
    run(actions);
    const said = (runScenario(build(actions), { trace: true }).trace ?? [])
      .filter((w) => w.action === 2)
      .map((w) => `${w.fn}: ${w.text}`);
    expect(said).toEqual([
      'mmu_interval_read_begin: gpu0 notes its notifier sequence (0) before taking the snapshot.',
      "hmm_range_fault: hmm_range_fault walks pages 0–1 without HMM_PFN_REQ_FAULT: it reports each CPU entry as it is and faults nothing (pages in another device's memory or exclusive read as not valid).",
      'dmirror_mkentry: dmirror_mkentry turns the pfns into permissions: none, write.',
    ]);
  });
});
