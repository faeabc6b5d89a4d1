// Issue 18's numbers: generating a step's questions (Predict mode) and stepping both runs of a
// what-if together (the compare view's work per step), both on a 4096-page, 2-GPU run.
import { applyWhatIf, alignWhatIf, type WhatIfEdit } from '../src/scenario/whatif.ts';
import type { Scenario } from '../src/scenario/types.ts';
import { createComparison } from '../src/timeline/compare.ts';
import { ALL_PAGES_UP_TO } from '../src/timeline/compareTypes.ts';
import { FIRST_LIST, lastStepAhead } from '../src/worker/stepAhead.ts';
import { questionsAt } from '../src/timeline/quiz.ts';
import { createTimeline, type Timeline } from '../src/timeline/timeline.ts';
import { metric, percentile, timed, type Metrics } from './lib.ts';

export function benchQuiz(t: Timeline, samples: number): Metrics {
  // As the lab's worker does once the run has answered (a no-op when the timeline bench did).
  t.buildCheckpoints(Infinity);
  const spans = t.summary({ hash: false }).actions;
  const times: number[] = [];
  let asked = 0;
  // Steps spread over the whole run, plus every step where a question is asked at all.
  const at = new Set<number>();
  for (let k = 0; k < samples; k++) at.add(Math.floor((k * (t.count - 1)) / samples));
  for (const s of spans) at.add(s.first - 1);
  for (const i of at) {
    const [qs, ms] = timed(() => questionsAt(t, spans, i));
    asked += qs.length;
    times.push(ms);
  }
  return {
    quiz_gen_ms_p95: metric(
      percentile(times, 95),
      'ms',
      { max: 5 },
      `questionsAt over ${times.length} steps of ${t.count} waypoints (${asked} questions; p50 ${percentile(times, 50).toFixed(2)} ms)`,
    ),
  };
}

export function benchCompare(base: Scenario, passes: number): Metrics {
  const edit: WhatIfEdit = { kind: 'delete', at: Math.min(3, base.actions.length - 1) };
  const branch = applyWhatIf(base, edit);
  const a = createTimeline(base);
  const b = createTimeline(branch);
  // As the compare worker does once both runs have answered (timed by seek_p95_ms's bench
  // the same way): a step is the step's work, not the first replay of the whole run.
  const [, checkpointsMs] = timed(() => {
    a.buildCheckpoints(Infinity);
    b.buildCheckpoints(Infinity);
  });
  const open = () =>
    createComparison(a, b, alignWhatIf(base.actions.length, branch.actions.length, edit));
  // Each step computed when first asked, the code still cold: what a step costs that the
  // worker has not stepped ahead to (asked before it got there, or past the steps it keeps).
  const cold = open();
  const coldTimes: number[] = [];
  let differ = 0;
  for (let k = -1; k < cold.steps.length; k++) {
    const [pt, ms] = timed(() => cold.at(k, FIRST_LIST));
    differ = Math.max(differ, pt.diff.differ);
    coldTimes.push(ms);
  }
  // What the user steps through: the worker has stepped ahead between messages after opening
  // (stepAhead.ts), then each step is asked as the view asks (its list of a big run's pages).
  const cmp = open();
  const [, aheadMs] = timed(() => {
    for (let k = -1; k <= lastStepAhead(cmp); k++) cmp.at(k, FIRST_LIST);
  });
  const times: number[] = [];
  for (let p = 0; p < passes; p++)
    for (let k = -1; k < cmp.steps.length; k++) times.push(timed(() => cmp.at(k, FIRST_LIST))[1]);
  const what = `${base.config.hostFrames} pages, up to ${differ} pages differ, the first ${ALL_PAGES_UP_TO} of them listed; the work behind a compare step, not the paint`;
  return {
    compare_frame_p95_ms: metric(
      percentile(times, 95),
      'ms',
      { max: 16.7 },
      `both runs stepped action by action, ${times.length} steps in ${passes} passes, after the compare worker stepped ahead as it does once both runs answered (checkpoints ${checkpointsMs.toFixed(0)} ms, then the steps ahead ${aheadMs.toFixed(0)} ms: the view is ready to step that long after the runs answer; a step asked sooner costs what compare_step_cold_p95_ms says); ${what}`,
    ),
    compare_step_cold_p95_ms: metric(
      percentile(coldTimes, 95),
      'ms',
      undefined,
      `each of ${coldTimes.length} steps computed when first asked, the code cold (cursor moved by deltas, pages re-reported, all diffed): a step the worker has not stepped ahead to; ${what}`,
    ),
  };
}
