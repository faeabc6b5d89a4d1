// Engine throughput: the pure step loop (createCtx → registerDevices → step per action, the
// sink keeping every waypoint), against a bare loop that allocates the same number of
// equally shaped waypoint objects. Also the whole timeline build (adds trace hash,
// checkpoints, invariant checks) and scaling at 1k / 10k / 100k waypoints.
import {
  createCtx,
  emptyWorld,
  registerDevices,
  step,
  type Waypoint,
} from '../src/engine/index.ts';
import type { Change } from '../src/engine/trace.ts';
import type { Scenario } from '../src/scenario/types.ts';
import { createTimeline } from '../src/timeline/timeline.ts';
import { metric, now, timed, type Metrics } from './lib.ts';

export function runEngine(s: Scenario): Waypoint[] {
  const wps: Waypoint[] = [];
  const ctx = createCtx(emptyWorld(s.config), (w) => wps.push(w));
  registerDevices(ctx);
  for (let i = 0; i < s.actions.length; i++) {
    ctx.action = i;
    step(ctx, s.actions[i], i);
  }
  return wps;
}

interface Shape {
  changes: Uint16Array;
  path: Uint8Array;
  text: Uint16Array;
}

function shapeOf(wps: Waypoint[]): Shape {
  const n = wps.length;
  const sh = { changes: new Uint16Array(n), path: new Uint8Array(n), text: new Uint16Array(n) };
  wps.forEach((w, i) => {
    sh.changes[i] = Math.min(65535, w.changes.length);
    sh.path[i] = Math.min(255, w.path.length);
    sh.text[i] = Math.min(65535, w.text.length);
  });
  return sh;
}

const PATH = Array.from({ length: 256 }, (_, i) => `kernel_function_${i}`);
/** Call paths are shared arrays (the engine also shares one path between waypoints). */
const PATHS = Array.from({ length: 256 }, (_, n) => PATH.slice(0, n));
const FILLER = 'x'.repeat(65536);
const PAGE = {
  prot: 'rw',
  shared: false,
  state: 'present',
  writable: true,
  frame: 0,
  dev: -1,
} as const;

/** Emits shape.changes.length waypoints with the same number of changes, path entries and text length. */
function bareLoop(sh: Shape): Waypoint[] {
  const out: Waypoint[] = [];
  for (let i = 0; i < sh.changes.length; i++) {
    const changes: Change[] = [];
    for (let k = 0; k < sh.changes[i]; k++) {
      const page = (i + k) & 4095;
      changes.push({ k: 'pte', pid: 1, page, before: PAGE, after: { ...PAGE, frame: page } });
    }
    const head = `Page ${i} `;
    const text = head + FILLER.slice(0, Math.max(0, sh.text[i] - head.length));
    const path = PATHS[sh.path[i]];
    out.push({ seq: i, action: i >> 10, fn: 'bare_loop', text, path, changes });
  }
  return out;
}

export function benchEngine(big: Scenario, reps: number): Metrics {
  const wps = runEngine(big);
  const n = wps.length;
  const sh = shapeOf(wps);
  // Interleaved, best of each: load on a shared machine hits both sides alike.
  let engineMs = Infinity;
  let bareMs = Infinity;
  let engineCpuMs = Infinity;
  for (let r = 0; r < reps; r++) {
    const cpu0 = process.cpuUsage();
    engineMs = Math.min(engineMs, timed(() => runEngine(big))[1]);
    const cpu = process.cpuUsage(cpu0);
    engineCpuMs = Math.min(engineCpuMs, (cpu.user + cpu.system) / 1000);
    bareMs = Math.min(bareMs, timed(() => bareLoop(sh))[1]);
  }
  const avgChanges = sh.changes.reduce((a, b) => a + b, 0) / n;
  const t0 = now();
  createTimeline(big).summary();
  const timelineMs = now() - t0;
  return {
    engine_waypoints_per_s: metric(
      (n / engineMs) * 1000,
      'waypoints/s',
      { min: 2_000_000 },
      `${n} waypoints, ${big.config.hostFrames} pages, 2 devices, ${engineMs.toFixed(0)} ms (best of ${reps})`,
    ),
    engine_waypoints_per_cpu_s: metric(
      (n / engineCpuMs) * 1000,
      'waypoints/s',
      undefined,
      'same run per second of process CPU time (incl. GC threads): less skewed by a loaded machine',
    ),
    engine_vs_bare_loop: metric(
      engineMs / bareMs,
      'x',
      { max: 5 },
      `bare loop ${bareMs.toFixed(1)} ms for ${n} waypoints of the same shape (avg ${avgChanges.toFixed(1)} changes)`,
    ),
    timeline_build_waypoints_per_s: metric(
      (n / timelineMs) * 1000,
      'waypoints/s',
      undefined,
      `createTimeline + summary (trace hash, checkpoints, invariants): ${timelineMs.toFixed(0)} ms`,
    ),
  };
}

/**
 * Throughput of the step loop for one scenario (the scaling table). Small scenarios run in
 * batches of at least 100 ms so one timer tick or one lucky run does not decide the figure.
 */
export function engineRate(s: Scenario, reps: number): { count: number; perS: number } {
  const count = runEngine(s).length;
  let bestMs = Infinity;
  for (let r = 0; r < reps; r++) {
    let runs = 0;
    const t0 = now();
    do {
      runEngine(s);
      runs++;
    } while (now() - t0 < 100);
    bestMs = Math.min(bestMs, (now() - t0) / runs);
  }
  return { count, perS: (count / bestMs) * 1000 };
}
