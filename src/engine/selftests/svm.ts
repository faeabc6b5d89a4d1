// Test helper: an @2 scenario (svm devices exist only there), checked by the schema a user's
// file goes through, run with every invariant demanded clean.
import { expect } from 'vitest';
import type { RunReport } from '../result.ts';
import { parseScenario } from '../../scenario/schema.ts';
import { SCENARIO_FORMAT_V2, type Action, type ScenarioConfig } from '../../scenario/types.ts';
import { runScenario } from '../../timeline/run.ts';

export function runSvm(actions: Action[], config: ScenarioConfig, trace = false): RunReport {
  const parsed = parseScenario({ format: SCENARIO_FORMAT_V2, title: 'svm test', config, actions });
  if (!parsed.ok) throw new Error(parsed.error);
  const report = runScenario(parsed.scenario, { trace });
  expect(report.format).toBe('hmm-lab/result@2');
  expect(report.invariants.violations).toEqual([]);
  expect(report.invariants.checked).toBe(actions.length);
  return report;
}

/** One svm GPU, xe0: 8 VRAM frames in chunks of 4, beside 32 host frames. */
export const XE: ScenarioConfig = {
  hostFrames: 32,
  devices: [{ name: 'xe0', frames: 8, driver: 'svm', chunk: 4 }],
};
/** The same GPU with MEMORY_DEVICE_COHERENT memory. */
export const XE_COHERENT: ScenarioConfig = {
  hostFrames: 32,
  devices: [{ name: 'xe0', frames: 8, driver: 'svm', chunk: 4, memory: 'coherent' }],
};

/** The narrations of `fn` in a traced run's last action. */
export const saidLast = (r: RunReport, fn: string): string[] =>
  r.trace!.filter((t) => t.action === r.results.length - 1 && t.fn === fn).map((t) => t.text);
