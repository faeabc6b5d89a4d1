// Run a whole scenario and report it: what the CLI prints.
import type { RunReport } from '../engine/result.ts';
import type { Scenario } from '../scenario/types.ts';
import { createTimeline } from './timeline.ts';

export function runScenario(scenario: Scenario, opts: { trace?: boolean } = {}): RunReport {
  return createTimeline(scenario, { checkpointEvery: 1 << 30 }).report(opts);
}
