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
