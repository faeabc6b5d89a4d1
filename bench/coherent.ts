// The engine on a @2 run of the big scenario's size: two MEMORY_DEVICE_COHERENT devices and
// pins (hmm-model-v2.md K–N). Same measurement as engine_waypoints_per_s.
import { createCtx, emptyWorld, registerDevices, step } from '../src/engine/index.ts';
import { parseScenario } from '../src/scenario/schema.ts';
import type { Action, Scenario } from '../src/scenario/types.ts';
import { runEngine } from './engine.ts';
import { metric, timed, type Metrics } from './lib.ts';

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

export function benchCoherent(s: Scenario, reps: number): Metrics {
  const n = runEngine(s).count;
  let ms = Infinity;
  for (let r = 0; r < reps; r++) ms = Math.min(ms, timed(() => runEngine(s))[1]);
  return {
    coherent_engine_waypoints_per_s: metric(
      (n / ms) * 1000,
      'waypoints/s',
      { min: 2_000_000 },
      `${n} waypoints, ${s.config.hostFrames} pages, 2 coherent devices, pins, ${ms.toFixed(0)} ms (best of ${reps})`,
    ),
  };
}
