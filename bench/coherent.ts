// The engine on a @2 run of the big scenario's size: two MEMORY_DEVICE_COHERENT devices and
// pins (hmm-model-v2.md K–N). Same measurements as engine_waypoints_per_s, engine_vs_bare_loop,
// seek_p95_ms and timeline_100k_heap_mb, with the same targets (issue 20: they hold on @2 too).
import { createCtx, emptyWorld, registerDevices, step } from '../src/engine/index.ts';
import { parseScenario } from '../src/scenario/schema.ts';
import type { Action, Scenario } from '../src/scenario/types.ts';
import { bareLoop, runEngine, shapeOf } from './engine.ts';
import { metric, percentile, timed, type Metrics } from './lib.ts';
import { buildMeasured, seekTimes } from './timeline.ts';

/** One round: to gpu0, gpu1 maps in place, half pinned in place, CPU writes, home, unpinned. */
function cycle(pages: number, round: number): Action[] {
  const all = { start: 0, count: pages };
  return [
    { op: 'migrate_to_device', device: 'gpu0', ...all },
    { op: 'dev_read', device: 'gpu1', ...all },
    { op: 'pin', start: 0, count: pages / 2, longterm: false },
    { op: 'cpu_write', ...all, value: round },
    { op: 'migrate_to_host', device: 'gpu0', ...all },
    { op: 'unpin', pin: 2 * round + 1 },
    { op: 'pin', start: 0, count: pages / 2 },
    { op: 'unpin', pin: 2 * round + 2 },
  ];
}

export function coherentScenario(target: number, pages: number): Scenario {
  const actions: Action[] = [
    { op: 'mmap', start: 0, count: pages, prot: 'rw' },
    { op: 'cpu_write', start: 0, count: pages, value: 1 },
  ];
  for (let r = 0; r < 64; r++) actions.push(...cycle(pages, r));
  const full: Scenario = {
    format: 'hmm-lab/scenario@2',
    title: `bench: ${pages} pages, 2 coherent devices, pins, >= ${target} waypoints`,
    config: {
      hostFrames: pages,
      devices: [
        { name: 'gpu0', frames: pages, memory: 'coherent' },
        { name: 'gpu1', frames: pages, memory: 'coherent' },
      ],
    },
    actions: [],
  };
  let count = 0;
  const ctx = createCtx(emptyWorld(full.config), () => count++);
  registerDevices(ctx);
  for (let i = 0; i < actions.length; i++) {
    ctx.action = i;
    step(ctx, actions[i], i);
    if (count >= target) {
      const s = { ...full, actions: actions.slice(0, i + 1) };
      const r = parseScenario(s);
      if (!r.ok) throw new Error(`bench scenario is invalid: ${r.error}`);
      return s;
    }
  }
  throw new Error(`coherentScenario(${target}, ${pages}): only ${count} waypoints`);
}

export function benchCoherent(s: Scenario, reps: number, seeks: number): Metrics {
  const trace = runEngine(s);
  const n = trace.count;
  const sh = shapeOf(trace);
  let ms = Infinity;
  let bareMs = Infinity;
  for (let r = 0; r < reps; r++) {
    ms = Math.min(ms, timed(() => runEngine(s))[1]);
    bareMs = Math.min(bareMs, timed(() => bareLoop(sh))[1]);
  }
  const { timeline, heapMb } = buildMeasured(s);
  const times = seekTimes(timeline, seeks);
  return {
    coherent_engine_waypoints_per_s: metric(
      (n / ms) * 1000,
      'waypoints/s',
      { min: 2_000_000 },
      `${n} waypoints, ${s.config.hostFrames} pages, 2 coherent devices, pins, ${ms.toFixed(0)} ms (best of ${reps})`,
    ),
    coherent_engine_vs_bare_loop: metric(
      ms / bareMs,
      'x',
      { max: 5 },
      `bare loop ${bareMs.toFixed(1)} ms for the same ${n} waypoints (avg ${(trace.changes / n).toFixed(1)} changes)`,
    ),
    coherent_seek_p95_ms: metric(
      percentile(times, 95),
      'ms',
      { max: 20 },
      `${seeks} random seeks over the @2 run, p50 ${percentile(times, 50).toFixed(3)} ms, max ${Math.max(...times).toFixed(2)} ms`,
    ),
    coherent_timeline_heap_mb: metric(
      heapMb,
      'MB',
      { max: 200 },
      `${n} waypoints of the @2 run: JS heap plus the typed-array rows of the trace`,
    ),
  };
}
