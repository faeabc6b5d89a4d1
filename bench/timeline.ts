// The 100k-waypoint timeline: heap it holds, and seek(i) latency (1,000 random seeks).
import type { Scenario } from '../src/scenario/types.ts';
import { createTimeline, type Timeline } from '../src/timeline/timeline.ts';
import { gc, metric, now, percentile, type Metrics } from './lib.ts';

const MB = 1024 * 1024;

/** JS heap plus ArrayBuffer memory: the trace keeps its rows in typed arrays outside the heap. */
const used = (): number => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

/** Memory retained by a fully built timeline (summary computed, every checkpoint built as the
 *  worker builds them after the first frame), measured between full GCs. */
export function buildMeasured(s: Scenario): { timeline: Timeline; heapMb: number } {
  gc();
  const before = used();
  const timeline = createTimeline(s);
  timeline.summary();
  timeline.buildCheckpoints(Infinity);
  gc();
  const heapMb = (used() - before) / MB;
  return { timeline, heapMb };
}

/** Deterministic PRNG so every run seeks the same indices. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seekTimes(t: Timeline, seeks: number): number[] {
  const n = t.summary().count;
  const rnd = mulberry32(42);
  for (let i = 0; i < 20; i++) t.seek(Math.floor(rnd() * n)); // warm-up
  const out: number[] = [];
  for (let i = 0; i < seeks; i++) {
    const idx = Math.floor(rnd() * n);
    const t0 = now();
    t.seek(idx);
    out.push(now() - t0);
  }
  return out;
}

export function benchTimeline(
  s: Scenario,
  seeks: number,
): { metrics: Metrics; timeline: Timeline } {
  const { timeline, heapMb } = buildMeasured(s);
  const count = timeline.summary().count;
  const times = seekTimes(timeline, seeks);
  return {
    timeline,
    metrics: {
      seek_p95_ms: metric(
        percentile(times, 95),
        'ms',
        { max: 20 },
        `${seeks} random seeks over ${count} waypoints, p50 ${percentile(times, 50).toFixed(3)} ms, max ${Math.max(...times).toFixed(2)} ms`,
      ),
      timeline_100k_heap_mb: metric(
        heapMb,
        'MB',
        { max: 200 },
        `${count} waypoints: JS heap plus the typed-array rows of the trace`,
      ),
    },
  };
}
