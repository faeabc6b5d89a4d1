// Tiny builders for the selftest scenarios: a scenario from actions, a run that insists on clean
// invariants, and page / device-PTE shapes in the order the result contract lists them.
import { expect } from 'vitest';
import { ZERO_COUNTERS, type Counters, type VPage } from '../state.ts';
import { COUNTERS } from '../store/kinds.ts';
import type { PageReport, RunReport } from '../result.ts';
import { SCENARIO_FORMAT, SCENARIO_FORMAT_V2 } from '../../scenario/types.ts';
import type { Action, Scenario, ScenarioConfig } from '../../scenario/types.ts';
import { runScenario } from '../../timeline/run.ts';

export const ONE_GPU: ScenarioConfig = { hostFrames: 32, devices: [{ name: 'gpu0', frames: 16 }] };
export const TWO_GPUS: ScenarioConfig = {
  hostFrames: 32,
  devices: [
    { name: 'gpu0', frames: 16 },
    { name: 'gpu1', frames: 16 },
  ],
};

/** Four written pages (100–103), the starting point of the migration selftests. */
export const FOUR_PAGES: Action[] = [
  { op: 'mmap', start: 0, count: 4, prot: 'rw' },
  { op: 'cpu_write', start: 0, count: 4, values: [100, 101, 102, 103] },
];

export function build(actions: Action[], config: ScenarioConfig = ONE_GPU): Scenario {
  return { format: SCENARIO_FORMAT, title: 'selftest', config, actions };
}

/**
 * Runs the scenario; every selftest also demands that no invariant was ever broken. Call it in
 * a test or a beforeEach, never in a describe body: Stryker's per-test coverage would count
 * what it runs there as 'static' and run every test for each of those mutants.
 */
export function run(actions: Action[], config: ScenarioConfig = ONE_GPU, v2 = false): RunReport {
  if (expect.getState().currentTestName === undefined)
    throw new Error('run() in a describe body: move it into beforeEach or the test');
  const s = build(actions, config);
  const report = runScenario(v2 ? { ...s, format: SCENARIO_FORMAT_V2 } : s);
  expect(report.invariants.violations).toEqual([]);
  expect(report.invariants.checked).toBe(actions.length);
  expect(report.results.map((r) => r.op)).toEqual(actions.map((a) => a.op));
  return report;
}

/** Counters of a @1 report with every field spelled out, so an unexpected increment fails. */
export function counters(c: Partial<Counters>): Partial<Counters> {
  const out: Partial<Counters> = {};
  for (const k of COUNTERS.slice(0, 8)) out[k] = c[k] ?? 0;
  return out;
}

/** The same for a @2 report (all eleven counters). */
export function countersV2(c: Partial<Counters>): Counters {
  return { ...ZERO_COUNTERS, ...c };
}

type PageShape = Omit<PageReport, 'pid'>;

export const none = (page: number): PageShape => ({
  page,
  cpu: 'none',
  writable: false,
  location: 'none',
  value: 0,
});
export const zero = (page: number): PageShape => ({
  page,
  cpu: 'zero',
  writable: false,
  location: 'host',
  value: 0,
});
export const host = (page: number, value: number, writable = true): PageShape => ({
  page,
  cpu: 'present',
  writable,
  location: 'host',
  value,
});
export const onDev = (page: number, dev: string, value: number, writable = true): PageShape => ({
  page,
  cpu: 'device-private',
  writable,
  location: dev,
  value,
});
export const excl = (page: number, value: number, writable = true): PageShape => ({
  page,
  cpu: 'device-exclusive',
  writable,
  location: 'host',
  value,
});

/** The pages of one process as the report lists them (pid dropped). */
export function pagesOf(r: RunReport, pid = 1): PageShape[] {
  return r.pages.filter((p) => p.pid === pid).map(({ pid: _pid, ...rest }) => rest);
}

export function device(r: RunReport, name: string) {
  const d = r.devices.find((x) => x.name === name);
  if (!d) throw new Error(`no device ${name} in report`);
  return d;
}

export interface PteShape {
  page: number;
  target: string;
  frame: number | 'zero';
  writable: boolean;
  atomic?: boolean;
}

/** Device page table of `name` for pid 1, as {page, target, frame, writable, atomic}. */
export function ptOf(r: RunReport, name: string): Required<PteShape>[] {
  return device(r, name)
    .pageTable.filter((e) => e.pid === 1)
    .map((e) => ({
      page: e.page,
      target: e.target,
      frame: e.frame,
      writable: e.writable,
      atomic: e.atomic,
    }));
}

export const pte = (
  page: number,
  target: string,
  frame: number | 'zero',
  writable: boolean,
  atomic = false,
): Required<PteShape> => ({ page, target, frame, writable, atomic });

/** `values` of a result, [] when a failed action left it out. */
export const valuesOf = (r: RunReport, i: number): number[] => r.results[i].values ?? [];

/** A CPU page-table entry as the engine stores it: present, writable, in an rw private VMA, on
 *  no frame, unless `e` says otherwise. */
export const vpage = (e: Partial<VPage>): VPage => ({
  prot: 'rw',
  shared: false,
  state: 'present',
  writable: true,
  frame: -1,
  dev: -1,
  loc: -1,
  ...e,
});
