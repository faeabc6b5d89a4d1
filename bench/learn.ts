// Issue 18's numbers: generating a step's questions (Predict mode) and stepping both runs of a
// what-if together (the compare view's work per step), both on a 4096-page, 2-GPU run.
import { applyWhatIf, alignWhatIf, type WhatIfEdit } from '../src/scenario/whatif.ts';
import type { Scenario } from '../src/scenario/types.ts';
import { createComparison } from '../src/timeline/compare.ts';
import { ALL_PAGES_UP_TO } from '../src/timeline/compareTypes.ts';
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
  a.buildCheckpoints(Infinity);
  b.buildCheckpoints(Infinity);
  const cmp = createComparison(a, b, alignWhatIf(base.actions.length, branch.actions.length, edit));
  // What the compare worker is asked for a step: the view's list of a big run's pages.
  const list = { upTo: ALL_PAGES_UP_TO, differ: ALL_PAGES_UP_TO };
  const times: number[] = [];
  let differ = 0;
  let first = 0;
  for (let p = 0; p < passes; p++)
    for (let k = -1; k < cmp.steps.length; k++) {
      const [pt, ms] = timed(() => cmp.at(k, list));
      differ = Math.max(differ, pt.diff.differ);
      if (p === 0) first = Math.max(first, ms);
      times.push(ms);
    }
  return {
    compare_frame_p95_ms: metric(
      percentile(times, 95),
      'ms',
      { max: 16.7 },
      `both runs stepped action by action as the compare worker is asked (cursor moved by deltas, pages re-reported, all diffed, the first ${ALL_PAGES_UP_TO} differing listed), ${times.length} steps in ${passes} passes (later passes reuse kept steps; first pass max ${first.toFixed(2)} ms), ${base.config.hostFrames} pages, up to ${differ} pages differ; the work behind a compare step, not the paint`,
    ),
  };
}
