// A scenario run into a timeline of waypoints. The live world advances as actions run; a
// checkpoint (a shallow clone) is kept every `checkpointEvery` waypoints, and seek(i) replays
// the changes of at most that many waypoints from the nearest checkpoint at or before i.
import { applyChanges } from '../engine/apply.ts';
import { createCtx } from '../engine/ctx.ts';
import { registerDevices } from '../engine/driver/devmem.ts';
import { createTraceHasher } from '../engine/hash.ts';
import { checkInvariants } from '../engine/invariants.ts';
import type { ActionResult, RunReport, Violation } from '../engine/result.ts';
import { reportDevices, reportHostFrames, reportPages } from '../engine/report.ts';
import { cloneWorld, emptyWorld, type World } from '../engine/state.ts';
import { step } from '../engine/step.ts';
import type { Waypoint } from '../engine/trace.ts';
import type { Action, Scenario } from '../scenario/types.ts';
import { markerOf } from './markers.ts';
import type { ActionSpan, Frame, TimelineSummary } from './types.ts';

export interface Timeline {
  readonly scenario: Scenario;
  readonly waypoints: readonly Waypoint[];
  summary(): TimelineSummary;
  seek(index: number): Frame;
  append(action: Action): TimelineSummary;
  report(opts?: { trace?: boolean }): RunReport;
}

export function createTimeline(
  scenario: Scenario,
  opts: { checkpointEvery?: number } = {},
): Timeline {
  const every = opts.checkpointEvery ?? 256;
  const waypoints: Waypoint[] = [];
  const hasher = createTraceHasher();
  const world = emptyWorld(scenario.config);
  /** checkpoints[k] = world after waypoint k*every - 1 (k = 0: before any waypoint). */
  const checkpoints: World[] = [cloneWorld(world)];
  const ctx = createCtx(world, (wp) => {
    waypoints.push(wp);
    hasher.add(wp);
    if (waypoints.length % every === 0) checkpoints.push(cloneWorld(world));
  });
  const actions: ActionSpan[] = [];
  const results: ActionResult[] = [];
  const violations: Violation[] = [];
  const actionList: Action[] = [];

  registerDevices(ctx);
  actions.push({ i: -1, op: 'register', first: 0, last: waypoints.length - 1 });

  function runAction(a: Action): void {
    const i = actionList.length;
    actionList.push(a);
    ctx.action = i;
    const first = waypoints.length;
    const result = step(ctx, a, i);
    if (ctx.pending.length || waypoints.length === first) emitClosing(a.op);
    results.push(result);
    actions.push({ i, op: a.op, first, last: waypoints.length - 1, result });
    for (const f of checkInvariants(world)) violations.push({ after: i, ...f });
  }

  function emitClosing(op: string): void {
    const wp: Waypoint = {
      seq: ctx.seq++,
      action: ctx.action,
      fn: op,
      text: `${op} completes.`,
      path: [],
      changes: ctx.pending,
    };
    ctx.pending = [];
    ctx.sink(wp);
  }

  for (const a of scenario.actions) runAction(a);

  const summary = (): TimelineSummary => ({
    config: scenario.config,
    count: waypoints.length,
    traceHash: hasher.hex(),
    actions: actions.slice(),
    markers: waypoints.flatMap((w) => {
      const kind = markerOf(w);
      return kind ? [{ seq: w.seq, kind }] : [];
    }),
    violations: violations.slice(),
  });

  return {
    get scenario() {
      return { ...scenario, actions: actionList.slice() };
    },
    waypoints,
    summary,
    seek(index: number): Frame {
      const i = Math.max(0, Math.min(index, waypoints.length - 1));
      const k = Math.floor((i + 1) / every);
      const w = cloneWorld(checkpoints[k]);
      for (let j = k * every; j <= i; j++) applyChanges(w, waypoints[j].changes, true);
      return { index: i, waypoint: waypoints[i], world: w };
    },
    append(action: Action): TimelineSummary {
      runAction(action);
      return summary();
    },
    report(opts = {}): RunReport {
      const doc: RunReport = {
        format: 'hmm-lab/result@1',
        results: results.slice(),
        pages: reportPages(world),
        devices: reportDevices(world),
        hostFrames: reportHostFrames(world),
        counters: { ...world.counters },
        invariants: { checked: results.length, violations: violations.slice() },
        waypoints: waypoints.length,
        traceHash: hasher.hex(),
      };
      if (opts.trace)
        doc.trace = waypoints.map((w) => ({
          seq: w.seq,
          action: w.action,
          fn: w.fn,
          text: w.text,
        }));
      return doc;
    },
  };
}
