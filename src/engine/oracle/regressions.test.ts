// Sequences the property test once failed on, shrunk by fast-check and then by hand. Each must
// pass the oracle and keep every invariant.
import { describe, expect, it } from 'vitest';
import type { Action, Scenario } from '../../scenario/types.ts';
import { SCENARIO_FORMAT } from '../../scenario/types.ts';
import { runScenario } from '../../timeline/run.ts';
import { checkRun } from './check.ts';
import { checkForkRun } from './forkCheck.ts';

const scenario = (actions: Action[]): Scenario => ({
  format: SCENARIO_FORMAT,
  config: { hostFrames: 8, devices: [{ name: 'gpu0', frames: 4 }] },
  actions,
});

// Page 1 lives in gpu0's memory. gpu0 faults on page 0, so hmm_range_fault hands back page 1's
// device pfn as is; the interleaved CPU access then calls gpu0's own migrate_to_ram, whose
// MMU_NOTIFY_MIGRATE gpu0 skips (owner match) without moving its sequence. read_retry must still
// not accept that stale pfn: the device would map a freed frame (invariant 3) and read or write
// a page the process no longer sees (invariant 5).
const OWN_PAGE_RACE: Action[] = [
  { op: 'mmap', start: 0, count: 2, prot: 'rw' },
  { op: 'cpu_write', start: 0, count: 2, values: [5, 6] },
  { op: 'migrate_to_device', device: 'gpu0', start: 1, count: 1 },
];

describe('interleaved CPU touch of the faulting device\u2019s own page', () => {
  it('dev_read reads the value the CPU sees, not a freed device frame', () => {
    const s = scenario([
      ...OWN_PAGE_RACE,
      {
        op: 'dev_read',
        device: 'gpu0',
        start: 0,
        count: 2,
        interleave: { op: 'cpu_read', start: 1 },
      },
    ]);
    const r = runScenario(s);
    expect(checkRun(s, r)).toEqual([]);
    expect(r.results[3]).toMatchObject({ status: 'ok', values: [5, 6] });
    // The driver must start over once: a retry, like read_retry saying so.
    expect(r.counters).toMatchObject({ cpuFaults: 3, invalidations: 0, rangeFaultRetries: 1 });
    expect(r.devices[0].pageTable.map((e) => [e.page, e.target])).toEqual([
      [0, 'host'],
      [1, 'host'],
    ]);
  });

  it('dev_write lands in the page the CPU maps', () => {
    const s = scenario([
      ...OWN_PAGE_RACE,
      {
        op: 'dev_write',
        device: 'gpu0',
        start: 0,
        count: 2,
        values: [7, 8],
        interleave: { op: 'cpu_write', start: 1, value: 1 },
      },
    ]);
    const r = runScenario(s);
    expect(checkRun(s, r)).toEqual([]);
    // The device writes both pages after its fault round, so its value is the last one.
    expect(r.pages.map((p) => p.value)).toEqual([7, 8]);
  });
});

describe('make_exclusive on MAP_SHARED', () => {
  it('gives EBUSY even when the device already mirrors the page', () => {
    const s: Scenario = {
      ...scenario([
        { op: 'mmap', start: 0, count: 1, prot: 'rw', shared: true },
        { op: 'make_exclusive', device: 'gpu0', start: 0 },
        { op: 'dev_read', device: 'gpu0', start: 0 },
        { op: 'make_exclusive', device: 'gpu0', start: 0 },
      ]),
    };
    const r = runScenario(s);
    expect(checkRun(s, r)).toEqual([]);
    expect(r.results.map((x) => x.status)).toEqual(['ok', 'EBUSY', 'ok', 'EBUSY']);
    expect(r.pages[0].cpu).toBe('present');
  });

  it('fails with ENOMEM like GUP when no host frame is left', () => {
    const s: Scenario = {
      ...scenario([
        { op: 'mmap', start: 0, count: 3, prot: 'rw' },
        { op: 'make_exclusive', device: 'gpu0', start: 0, count: 3 },
      ]),
      config: { hostFrames: 2, devices: [{ name: 'gpu0', frames: 2 }] },
    };
    const r = runScenario(s);
    expect(checkRun(s, r)).toEqual([]);
    expect(r.results[1].status).toBe('ENOMEM');
  });
});

// MAP_SHARED memory after fork (the fork property, forkCheck.ts): a page first touched after
// the fork was a page of its own in each process, and a page both mapped made invariant 5 call
// the child's correct read a lost write. Shared pages are now one shmem object's pages.
describe('shared anonymous memory after fork', () => {
  const shared: Action[] = [
    { op: 'mmap', start: 0, count: 13, prot: 'rw' },
    { op: 'mmap', start: 0, count: 1, prot: 'rw', shared: true },
    { op: 'fork' },
  ];
  for (const write of [
    { op: 'cpu_write', start: 0, count: 1, values: [1] },
    { op: 'dev_write', device: 'gpu0', start: 0, count: 1, value: 1 },
  ] as Action[])
    it(`the child sees the parent's ${write.op} to a page neither had touched`, () => {
      const s = scenario([...shared, write, { op: 'cpu_read', pid: 2, start: 0 }]);
      const r = runScenario(s);
      expect(checkForkRun(s, r)).toEqual([]);
      expect(r.results[4].values).toEqual([1]);
    });
});
