// The oracle must catch lies: a clean run passes, and the same report with a value, a status or
// a page altered fails. Guards the property test against passing vacuously.
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../result.ts';
import { SCENARIO_FORMAT } from '../../scenario/types.ts';
import type { Scenario } from '../../scenario/types.ts';
import { runScenario } from '../../timeline/run.ts';
import { checkRun } from './check.ts';

const s: Scenario = {
  format: SCENARIO_FORMAT,
  config: { hostFrames: 8, devices: [{ name: 'gpu0', frames: 4 }] },
  actions: [
    { op: 'mmap', start: 0, count: 3, prot: 'rw' },
    { op: 'cpu_write', start: 0, count: 2, values: [4, 5] },
    { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 3 },
    { op: 'dev_write', device: 'gpu0', start: 2, value: 6 },
    { op: 'cpu_read', start: 0, count: 3 },
    { op: 'dev_read', device: 'gpu0', start: 1, count: 2 },
    { op: 'migrate_to_device', device: 'gpu0', start: 2, count: 2 },
  ],
};

const lie = (edit: (r: RunReport) => void): string[] => {
  const r = structuredClone(runScenario(s));
  edit(r);
  return checkRun(s, r);
};

describe('checkRun', () => {
  it('accepts the honest report', () => {
    expect(lie(() => {})).toEqual([]);
  });

  it.each([
    ['a CPU read value', (r: RunReport) => (r.results[4].values![2] = 0)],
    ['a device read value', (r: RunReport) => (r.results[5].values![0] = 4)],
    ['a final value', (r: RunReport) => (r.pages[1].value = 9)],
    ['a dropped page', (r: RunReport) => r.pages.pop()],
    ['an ok over a hole', (r: RunReport) => (r.results[6].status = 'ok')],
    ['a short ok read', (r: RunReport) => r.results[4].values!.pop()],
    ['a host frame count', (r: RunReport) => (r.hostFrames.free -= 1)],
    ['an atomic device PTE', (r: RunReport) => (r.devices[0].pageTable[0].atomic = true)],
    ['a device fault count', (r: RunReport) => (r.counters.deviceFaults += 1)],
    [
      'an invariant violation',
      (r: RunReport) => r.invariants.violations.push({ after: 0, invariant: 1, message: 'x' }),
    ],
  ])('rejects %s', (_what, edit) => {
    expect(lie(edit).length).toBeGreaterThan(0);
  });
});

describe('checkRun on make_exclusive over MAP_SHARED', () => {
  const shared: Scenario = {
    format: SCENARIO_FORMAT,
    config: { hostFrames: 8, devices: [{ name: 'gpu0', frames: 4 }] },
    actions: [
      { op: 'mmap', start: 0, count: 2, prot: 'rw' },
      { op: 'mmap', start: 2, count: 1, prot: 'rw', shared: true },
      { op: 'make_exclusive', device: 'gpu0', start: 0, count: 3 },
    ],
  };
  const lieShared = (edit: (r: RunReport) => void): string[] => {
    const r = structuredClone(runScenario(shared));
    edit(r);
    return checkRun(shared, r);
  };

  it('accepts the honest EBUSY', () => {
    expect(lieShared(() => {})).toEqual([]);
  });

  it.each([
    ['an ok', (r: RunReport) => Object.assign(r.results[2], { status: 'ok', cpages: 3 })],
    ['the old ENOENT', (r: RunReport) => Object.assign(r.results[2], { status: 'ENOENT' })],
    ['a non-zero cpages', (r: RunReport) => (r.results[2].cpages = 2)],
    ['a device-exclusive shared page', (r: RunReport) => (r.pages[2].cpu = 'device-exclusive')],
  ])('rejects %s', (_what, edit) => {
    expect(lieShared(edit).length).toBeGreaterThan(0);
  });
});
