// Scenarios the bench runs. All are valid hmm-lab/scenario@1 documents.
import { createCtx, emptyWorld, registerDevices, step } from '../src/engine/index.ts';
import { encodeLink } from '../src/scenario/link.ts';
import { parseScenario } from '../src/scenario/schema.ts';
import type { Action, Scenario } from '../src/scenario/types.ts';
import { createTimeline } from '../src/timeline/timeline.ts';

const TWO_DEVICES = (pages: number) => ({
  hostFrames: pages,
  devices: [
    { name: 'gpu0', frames: pages },
    { name: 'gpu1', frames: pages },
  ],
});

/** One round trip of every page: host → gpu0 → gpu1 (device faults) → host (CPU faults). */
function cycle(pages: number, round: number): Action[] {
  const all = { start: 0, count: pages };
  return [
    { op: 'migrate_to_device', device: 'gpu0', ...all },
    { op: 'dev_read', device: 'gpu1', ...all },
    { op: 'migrate_to_device', device: 'gpu1', ...all },
    { op: 'cpu_write', ...all, value: round },
    { op: 'dev_write', device: 'gpu0', ...all, value: round + 1 },
    { op: 'migrate_to_host', device: 'gpu1', ...all },
  ];
}

/**
 * A `pages`-page, 2-device scenario cut to the fewest actions that yield at least `target`
 * waypoints. Throws if even 64 cycles fall short.
 */
export function scenarioFor(target: number, pages: number): Scenario {
  const actions: Action[] = [
    { op: 'mmap', start: 0, count: pages, prot: 'rw' },
    { op: 'cpu_write', start: 0, count: pages, value: 1 },
  ];
  for (let r = 0; r < 64; r++) actions.push(...cycle(pages, r));
  const full: Scenario = {
    format: 'hmm-lab/scenario@1',
    title: `bench: ${pages} pages, 2 devices, >= ${target} waypoints`,
    config: TWO_DEVICES(pages),
    actions: [],
  };
  // Calibrate with the bare engine: stop after the action that reaches the target.
  let count = 0;
  const ctx = createCtx(emptyWorld(full.config), () => count++);
  registerDevices(ctx);
  for (let i = 0; i < actions.length; i++) {
    ctx.action = i;
    step(ctx, actions[i], i);
    if (count >= target) return valid({ ...full, actions: actions.slice(0, i + 1) });
  }
  throw new Error(`scenarioFor(${target}, ${pages}): only ${count} waypoints`);
}

/** The bench must measure scenarios a user could load: reject anything the schema rejects. */
function valid(s: Scenario): Scenario {
  const r = parseScenario(s);
  if (!r.ok) throw new Error(`bench scenario is invalid: ${r.error}`);
  return s;
}

/** Pages used for a waypoint target: 4096 for the 100k scenario, fewer for small ones. */
export const pagesFor = (target: number): number =>
  Math.max(8, Math.min(4096, 2 ** Math.floor(Math.log2(target / 24))));

/**
 * The frame-time scenario: a 4096-page view whose last action migrates 256 pages at once.
 * `peak` is the waypoint of that action with the most changes (where all 256 move).
 */
export function frameScenarioLink(smoke: boolean) {
  const pages = smoke ? 256 : 4096;
  const moving = smoke ? 32 : 256;
  const scenario: Scenario = {
    format: 'hmm-lab/scenario@1',
    title: `bench: ${moving} pages migrate over a ${pages}-page view`,
    config: TWO_DEVICES(pages),
    actions: [
      { op: 'mmap', start: 0, count: pages, prot: 'rw' },
      { op: 'cpu_write', start: 0, count: pages, value: 7 },
      { op: 'migrate_to_device', device: 'gpu0', start: 0, count: moving },
    ],
  };
  const t = createTimeline(valid(scenario));
  const s = t.summary();
  const last = s.actions[s.actions.length - 1];
  const changes = (i: number) => t.changes(i).length;
  let peak = last.first;
  for (let i = last.first; i <= last.last; i++) if (changes(i) > changes(peak)) peak = i;
  return {
    count: s.count,
    first: last.first,
    peak,
    peakChanges: changes(peak),
    hash: (step: number) => encodeLink(scenario, step),
  };
}
