import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { reportDevices, reportHostFrames, reportPages } from '../engine/report.ts';
import type { World } from '../engine/state.ts';
import type { Action, Scenario } from '../scenario/types.ts';
import { createTimeline, type Timeline } from './timeline.ts';

const config = {
  hostFrames: 12,
  devices: [
    { name: 'gpu0', frames: 4 },
    { name: 'gpu1', frames: 3 },
  ],
};
const actions: Action[] = [
  { op: 'mmap', start: 0, count: 8, prot: 'rw' },
  { op: 'cpu_write', start: 0, count: 8, values: [1, 2, 3, 4, 5, 6, 7, 8] },
  { op: 'dev_read', device: 'gpu1', start: 0, count: 8 },
  { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 6 },
  { op: 'dev_write', device: 'gpu1', start: 2, count: 3, value: 9 },
  { op: 'make_exclusive', device: 'gpu0', start: 6, count: 2 },
  { op: 'cpu_read', start: 0, count: 8 },
  { op: 'mprotect', start: 0, count: 4, prot: 'r' },
  { op: 'release', device: 'gpu0' },
  { op: 'munmap', start: 4, count: 4 },
];
const scenario = (acts: Action[]): Scenario => ({
  format: 'hmm-lab/scenario@1',
  config,
  actions: acts,
});
const state = (w: World) => ({
  pages: reportPages(w),
  devices: reportDevices(w),
  host: reportHostFrames(w),
  counters: w.counters,
});

describe('timeline', () => {
  let tl: Timeline;
  beforeEach(() => {
    tl = createTimeline(scenario(actions), { checkpointEvery: 7 });
  });

  it('seek to the last waypoint of each action gives the state of running only up to it', () => {
    for (const span of tl.summary().actions.filter((s) => s.i >= 0)) {
      const prefix = createTimeline(scenario(actions.slice(0, span.i + 1)));
      expect(state(tl.seek(span.last).world)).toEqual(
        state(prefix.seek(prefix.summary().count - 1).world),
      );
    }
  });

  it("reads each waypoint's trace line as the waypoint has it", () => {
    for (let i = 0; i < tl.count; i++) {
      const { action, fn, text } = tl.waypoint(i);
      expect(tl.line(i)).toEqual({ action, fn, text });
    }
  });

  it('seeks in any order (cursor forward, back, via checkpoints) agree with a fresh timeline', () => {
    const { count } = tl.summary();
    const fresh = (i: number) =>
      createTimeline(scenario(actions), { checkpointEvery: 1e9 }).seek(i);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: count - 1 }), { minLength: 1, maxLength: 6 }),
        (idx) => {
          for (const i of idx) expect(tl.seek(i).world).toEqual(fresh(i).world);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('builds its checkpoints after the run, a few at a time, between seeks that need them', () => {
    const fresh = createTimeline(scenario(actions), { checkpointEvery: 1e9 });
    const { count } = tl.summary();
    let slices = 0;
    tl.seek(Math.floor(count / 3));
    while (!tl.buildCheckpoints(1)) {
      slices++;
      const i = (slices * 7919) % count;
      expect(tl.seek(i).world).toEqual(fresh.seek(i).world);
    }
    // 7 changes apart over the whole run: many due, some built by the first seek.
    expect(slices).toBeGreaterThan(3);
    expect(tl.buildCheckpoints(1)).toBe(true);
    for (const i of [0, count - 1, 1, Math.floor(count / 2)])
      expect(tl.seek(i).world).toEqual(fresh.seek(i).world);
    // An action appended later adds checkpoints to build.
    const grown = createTimeline(scenario(actions.slice(0, 3)), { checkpointEvery: 7 });
    expect(grown.buildCheckpoints(Infinity)).toBe(true);
    grown.append(actions[3]);
    expect(grown.buildCheckpoints(0)).toBe(false);
    expect(grown.buildCheckpoints(Infinity)).toBe(true);
  });

  it('append extends the run exactly like a scenario that had the action from the start', () => {
    const grown = createTimeline(scenario(actions.slice(0, 5)));
    for (const a of actions.slice(5)) grown.append(a);
    expect(grown.summary().traceHash).toBe(tl.summary().traceHash);
    expect(grown.report()).toEqual(tl.report());
  });

  it('is deterministic and marks faults, migrations, invalidations and frees', () => {
    expect(createTimeline(scenario(actions)).summary().traceHash).toBe(tl.summary().traceHash);
    const kinds = new Set(tl.summary().markers.map((m) => m.kind));
    expect([...kinds].sort()).toEqual([
      'cpu-fault',
      'dev-fault',
      'free',
      'invalidation',
      'migration',
    ]);
    expect(tl.summary().violations).toEqual([]);
  });
});

describe('an engine bug', () => {
  it('throws EngineBug and leaves the timeline exactly as it was before the action', () => {
    const tl = createTimeline(scenario(actions.slice(0, 4)), { checkpointEvery: 5 });
    const before = { summary: tl.summary(), report: tl.report(), last: tl.seek(1e9) };
    // An unknown device cannot pass validation; fed to the engine directly it crashes mid-step,
    // after the fault round has already migrated gpu0's pages home.
    const bad = {
      op: 'dev_read',
      device: 'gpu1',
      start: 0,
      count: 8,
      interleave: { op: 'migrate_to_device', device: 'nope', start: 0 },
    } as Action;
    const partial = createTimeline(scenario(actions.slice(0, 4)));
    expect(() => partial.append(bad)).toThrow(/engine bug in action 4 \(dev_read\)/);
    expect(() => tl.append(bad)).toThrow(/engine bug/);
    expect(tl.summary()).toEqual(before.summary);
    expect(tl.report()).toEqual(before.report);
    expect(tl.seek(1e9)).toEqual(before.last);
    tl.append(actions[4]);
    const fresh = createTimeline(scenario(actions.slice(0, 5)));
    expect(tl.report()).toEqual(fresh.report());
  });

  it('frees and then allocates frames afterwards exactly as a fresh run does', () => {
    // The rollback forgets the lowest-free-frame hints, so here a free comes before any
    // allocation has set a hint again.
    const tl = createTimeline(scenario(actions.slice(0, 4)));
    expect(() =>
      tl.append({ op: 'dev_read', device: 'nope', start: 0, count: 1 } as Action),
    ).toThrow(/engine bug/);
    const after: Action[] = [
      { op: 'munmap', start: 6, count: 2 },
      { op: 'mmap', start: 8, count: 4, prot: 'rw' },
      { op: 'cpu_write', start: 8, count: 4, value: 5 },
    ];
    for (const a of after) tl.append(a);
    expect(tl.report()).toEqual(
      createTimeline(scenario([...actions.slice(0, 4), ...after])).report(),
    );
  });
});

describe('a traceHash that follows the first frame', () => {
  it('is null when asked for without it, and the same hash when built in slices', () => {
    const whole = createTimeline(scenario(actions)).report().traceHash;
    const tl = createTimeline(scenario(actions));
    expect(tl.summary({ hash: false }).traceHash).toBeNull();
    let hex: string | null = null;
    let slices = 0;
    while (hex === null) {
      hex = tl.hashSome(3);
      slices++;
    }
    expect(slices).toBe(Math.ceil(tl.count / 3));
    expect(hex).toBe(whole);
    expect(tl.summary({ hash: false }).traceHash).toBe(whole);
    // append answers with the whole summary, hash included (only the new waypoints to hash).
    expect(tl.append({ op: 'cpu_read', start: 0 }).traceHash).toBe(
      createTimeline(scenario([...actions, { op: 'cpu_read', start: 0 }])).report().traceHash,
    );
  });
});

describe('a @2 op appended to a @1 run', () => {
  it('makes the run @2, reported exactly as the same scenario written in @2', () => {
    const tl = createTimeline(scenario(actions.slice(0, 2)));
    tl.append({ op: 'cpu_read', start: 0 });
    expect(tl.scenario.format).toBe('hmm-lab/scenario@1');
    expect(tl.report().format).toBe('hmm-lab/result@1');
    tl.append({ op: 'pin', start: 0, count: 2 });
    expect(tl.scenario.format).toBe('hmm-lab/scenario@2');
    const fresh = createTimeline({ ...tl.scenario });
    expect(tl.report()).toEqual(fresh.report());
    expect(tl.report().format).toBe('hmm-lab/result@2');
  });
});

describe('a lazy timeline (a link whose first steps are shown before the rest has run)', () => {
  it('runs only the registration until asked, then its actions a few at a time', () => {
    const eager = createTimeline(scenario(actions));
    const lazy = createTimeline(scenario(actions), { lazy: true });
    const registered = eager.summary().actions[0].last + 1;
    expect(lazy.count).toBe(registered);
    expect(lazy.complete).toBe(false);
    expect(lazy.summary({ hash: false })).toMatchObject({ complete: false, count: registered });
    expect(lazy.seek(0)).toEqual(eager.seek(0));
    expect(lazy.runSome(3)).toBe(false);
    expect(lazy.summary().actions).toEqual(eager.summary().actions.slice(0, 4));
    expect(lazy.seek(lazy.count - 1)).toEqual(eager.seek(lazy.count - 1));
    while (!lazy.runSome(2));
    expect(lazy.complete).toBe(true);
    expect(lazy.summary()).toEqual(eager.summary());
    expect(lazy.report()).toEqual(eager.report());
    expect(lazy.runSome(1)).toBe(true);
  });

  it('an action appended before the rest has run comes after it', () => {
    const lazy = createTimeline(scenario(actions), { lazy: true });
    lazy.runSome(1);
    const more: Action = { op: 'cpu_read', start: 0, count: 2 };
    lazy.append(more);
    expect(lazy.report()).toEqual(createTimeline(scenario([...actions, more])).report());
  });
});
