// The svm driver under steady VRAM pressure: 4096 pages, two svm GPUs with 1024 frames each and
// 512-page chunks. Each round both GPUs sweep the whole buffer: every fault migrates a 512-page
// range, evicting the oldest chunk (512 pages home), and pulling the other GPU's chunk home
// first when it holds the range. Measured like the dmirror engine bench (engine.ts).
import { parseScenario } from '../src/scenario/schema.ts';
import type { Action, Scenario } from '../src/scenario/types.ts';
import { bareLoop, runEngine, shapeOf } from './engine.ts';
import { metric, timed, type Metrics } from './lib.ts';

export function svmScenario(pages: number, rounds: number): Scenario {
  const all = { start: 0, count: pages };
  const actions: Action[] = [
    { op: 'mmap', ...all, prot: 'rw' },
    { op: 'cpu_write', ...all, value: 1 },
  ];
  for (let r = 0; r < rounds; r++)
    actions.push(
      { op: 'dev_read', device: 'xe0', ...all },
      { op: 'dev_write', device: 'xe1', ...all, value: r },
      { op: 'cpu_read', start: r % pages, count: 1 },
    );
  const s: Scenario = {
    format: 'hmm-lab/scenario@2',
    title: `bench: svm, ${pages} pages, 2 GPUs evicting steadily`,
    config: {
      hostFrames: pages,
      devices: [
        { name: 'xe0', frames: pages / 4, driver: 'svm', chunk: Math.min(512, pages / 8) },
        { name: 'xe1', frames: pages / 4, driver: 'svm', chunk: Math.min(512, pages / 8) },
      ],
    },
    actions,
  };
  // The bench measures what a user could load.
  const parsed = parseScenario(s);
  if (!parsed.ok) throw new Error(`svm bench scenario is invalid: ${parsed.error}`);
  return parsed.scenario;
}

export function benchSvm(s: Scenario, reps: number): Metrics {
  const trace = runEngine(s);
  const n = trace.count;
  const sh = shapeOf(trace);
  let engineMs = Infinity;
  let bareMs = Infinity;
  for (let r = 0; r < reps; r++) {
    engineMs = Math.min(engineMs, timed(() => runEngine(s))[1]);
    bareMs = Math.min(bareMs, timed(() => bareLoop(sh))[1]);
  }
  const pages = s.config.hostFrames;
  return {
    svm_engine_waypoints_per_s: metric(
      (n / engineMs) * 1000,
      'waypoints/s',
      { min: 2_000_000 },
      `${n} waypoints, ${pages} pages, 2 svm GPUs evicting every fault, ${engineMs.toFixed(0)} ms (best of ${reps})`,
    ),
    svm_engine_vs_bare_loop: metric(
      engineMs / bareMs,
      'x',
      { max: 5 },
      `bare loop ${bareMs.toFixed(1)} ms for the same ${n} waypoints (avg ${(trace.changes / n).toFixed(1)} changes)`,
    ),
  };
}
