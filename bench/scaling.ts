// Scaling: step-loop throughput and seek p95 at about 1k, 10k and 100k waypoints.
import type { Scenario } from '../src/scenario/types.ts';
import { createTimeline, type Timeline } from '../src/timeline/timeline.ts';
import { engineRate } from './engine.ts';
import { metric, percentile, type Metrics } from './lib.ts';
import { pagesFor, scenarioFor } from './scenarios.ts';
import { seekTimes } from './timeline.ts';

export interface ScalePoint {
  label: string;
  target: number;
  /** Reuse an already built scenario/timeline (the 100k one) instead of building again. */
  scenario?: Scenario;
  timeline?: Timeline;
}

export function benchScaling(points: ScalePoint[], reps: number, seeks: number): Metrics {
  const out: Metrics = {};
  for (const p of points) {
    const s = p.scenario ?? scenarioFor(p.target, pagesFor(p.target));
    const { count, perS } = engineRate(s, reps);
    const t = p.timeline ?? createTimeline(s);
    // As the worker does once the run has answered.
    t.buildCheckpoints(Infinity);
    const times = seekTimes(t, seeks);
    const note = `${count} waypoints, ${s.config.hostFrames} pages, ${s.actions.length} actions`;
    out[`scale_${p.label}_engine_waypoints_per_s`] = metric(perS, 'waypoints/s', undefined, note);
    out[`scale_${p.label}_seek_p95_ms`] = metric(
      percentile(times, 95),
      'ms',
      undefined,
      `${seeks} seeks`,
    );
  }
  return out;
}
