// Engine throughput: the pure step loop (createCtx → registerDevices → step per action, the
// sink keeping every waypoint), against a bare loop that allocates the same number of
// equally shaped waypoint objects. Also the whole timeline build (adds trace hash,
// checkpoints, invariant checks) and scaling at 1k / 10k / 100k waypoints.
import { createCtx, emptyWorld, registerDevices, step } from '../src/engine/index.ts';
import { say, type Said } from '../src/engine/store/say.ts';
import { K } from '../src/engine/store/kinds.ts';
import { Trace } from '../src/engine/store/trace.ts';
import type { Scenario } from '../src/scenario/types.ts';
import { createTimeline } from '../src/timeline/timeline.ts';
import { metric, now, timed, type Metrics } from './lib.ts';

/** Runs the scenario's actions through the bare engine; `into` reuses a trace's memory. */
export function runEngine(s: Scenario, into?: Trace): Trace {
  into?.truncate(0);
  const ctx = createCtx(emptyWorld(s.config), null, into);
  registerDevices(ctx);
  for (let i = 0; i < s.actions.length; i++) {
    ctx.action = i;
    step(ctx, s.actions[i], i);
  }
  return ctx.trace;
}

/** Per waypoint: its change rows, call-path depth and text args, as the engine recorded them. */
interface Shape {
  changes: Uint16Array;
  depth: Uint8Array;
  args: Uint8Array;
}

export function shapeOf(t: Trace): Shape {
  const n = t.count;
  const sh = { changes: new Uint16Array(n), depth: new Uint8Array(n), args: new Uint8Array(n) };
  for (let i = 0; i < n; i++) {
    sh.changes[i] = Math.min(65535, t.endChange(i) - t.firstChange(i));
    sh.depth[i] = Math.min(255, t.pathOf(i).length);
    sh.args[i] = Math.min(255, t.argCount(i));
  }
  return sh;
}

const FN = Array.from({ length: 8 }, (_, i) => `kernel_function_${i}`);

/**
 * The same number of equally sized waypoints, with no kernel logic: per waypoint a text with
 * the same number of args (one template object, as `say` makes), the same number of change
 * rows, at the same call-path depth, written into a trace of the same kind.
 */
export function bareLoop(sh: Shape): Trace {
  const t = new Trace();
  const nodes = [0];
  for (let d = 1; d < 8; d++) nodes.push(t.enter(nodes[d - 1], FN[d]));
  for (let i = 0; i < sh.changes.length; i++) {
    for (let k = 0; k < sh.changes[i]; k++) {
      const page = (i + k) & 4095;
      t.addChange(K.Pte, 1, page, t.packVPage(null), 0, page * 16, 0);
    }
    const args: number[] = [];
    for (let k = 0; k < sh.args[i]; k++) args.push(i + k);
    const text: Said = say(SITE, ...args);
    t.addWaypoint(i >> 10, FN[i & 7], nodes[Math.min(7, sh.depth[i])], text);
  }
  return t;
}
const SITE = Object.assign(
  Array.from({ length: 256 }, (_, i) => `part ${i} `),
  { raw: [] },
) as unknown as TemplateStringsArray;

export function benchEngine(big: Scenario, reps: number): Metrics {
  const trace = runEngine(big);
  const n = trace.count;
  const sh = shapeOf(trace);
  // Interleaved, best of each: load on a shared machine hits both sides alike.
  let engineMs = Infinity;
  let bareMs = Infinity;
  let engineCpuMs = Infinity;
  let warmMs = Infinity;
  for (let r = 0; r < reps; r++) {
    const cpu0 = process.cpuUsage();
    engineMs = Math.min(engineMs, timed(() => runEngine(big))[1]);
    const cpu = process.cpuUsage(cpu0);
    engineCpuMs = Math.min(engineCpuMs, (cpu.user + cpu.system) / 1000);
    bareMs = Math.min(bareMs, timed(() => bareLoop(sh))[1]);
    warmMs = Math.min(warmMs, timed(() => runEngine(big, trace))[1]);
  }
  const memory = freshMemoryCost();
  const avgChanges = trace.changes / n;
  const t0 = now();
  const built = createTimeline(big);
  built.summary({ hash: false });
  const firstFrameMs = now() - t0;
  built.summary();
  built.buildCheckpoints(Infinity);
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
    engine_warm_waypoints_per_s: metric(
      (n / warmMs) * 1000,
      'waypoints/s',
      undefined,
      `same run writing into an earlier trace's memory: what the engine costs without first-touch page faults (${warmMs.toFixed(0)} ms)`,
    ),
    machine_fresh_memory_ms_per_mb: metric(
      memory.fresh,
      'ms/MB',
      undefined,
      `first write to newly allocated memory on this machine, vs ${memory.warm.toFixed(2)} ms/MB rewriting it: a trace of ${n} waypoints writes about ${(trace.bytes() / 2 ** 20).toFixed(1)} MB`,
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
      `createTimeline + summary (trace hash, checkpoints, invariants): ${timelineMs.toFixed(0)} ms, ` +
        `of which ${firstFrameMs.toFixed(0)} ms before a first frame (the run, invariants, markers)`,
    ),
  };
}

/** ms per MB to write 32 MB of newly allocated memory, and to write it again (best of 3). */
function freshMemoryCost(): { fresh: number; warm: number } {
  let fresh = Infinity;
  let warm = Infinity;
  for (let r = 0; r < 3; r++) {
    const a = new Float64Array(4 * 2 ** 20);
    fresh = Math.min(fresh, timed(() => a.fill(1))[1] / 32);
    warm = Math.min(warm, timed(() => a.fill(2))[1] / 32);
  }
  return { fresh, warm };
}

/**
 * Throughput of the step loop for one scenario (the scaling table). Small scenarios run in
 * batches of at least 100 ms so one timer tick or one lucky run does not decide the figure.
 */
export function engineRate(s: Scenario, reps: number): { count: number; perS: number } {
  const count = runEngine(s).count;
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
