// A scenario run into a timeline of waypoints. The live world advances as actions run. A
// checkpoint (a shallow clone) is taken whenever the changes since the last one outweigh the
// world's size, so checkpoint cost stays proportional to the work done; seek(i) replays from the
// nearest checkpoint, or moves a cursor world when i is close to the previous seek.
import { applyChanges } from '../engine/apply.ts';
import { createCtx } from '../engine/ctx.ts';
import { registerDevices } from '../engine/driver/devmem.ts';
import { createTraceHasher } from '../engine/hash.ts';
import { forgetFreeHints } from '../engine/freeHint.ts';
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

/** Thrown when the engine itself fails: a bug, reported with the action that hit it. */
export class EngineBug extends Error {
  constructor(
    readonly action: number,
    readonly op: Action,
    readonly cause: unknown,
  ) {
    super(
      `engine bug in action ${action} (${op.op}): ${cause instanceof Error ? cause.message : String(cause)}`,
    );
    this.name = 'EngineBug';
  }
}

/** The world after the first `at` waypoints. */
interface Checkpoint {
  at: number;
  world: World;
}

function worldSize(w: World): number {
  let n = w.hostFrames.length;
  for (const d of w.devices) n += d.size;
  return Math.max(n, 256);
}

function nearestCheckpoint(cps: Checkpoint[], at: number): Checkpoint {
  let lo = 0;
  let hi = cps.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (cps[mid].at <= at) lo = mid;
    else hi = mid - 1;
  }
  return cps[lo];
}

export function createTimeline(
  scenario: Scenario,
  /** checkpointEvery: changes between checkpoints (default: about the world's size). */
  opts: { checkpointEvery?: number } = {},
): Timeline {
  const waypoints: Waypoint[] = [];
  const hasher = createTraceHasher(waypoints);
  const world = emptyWorld(scenario.config);
  const checkpoints: Checkpoint[] = [{ at: 0, world: cloneWorld(world) }];
  const markers: TimelineSummary['markers'] = [];
  const every = opts.checkpointEvery ?? worldSize(world);
  let changesSince = 0;
  const ctx = createCtx(world, (wp) => {
    waypoints.push(wp);
    const kind = markerOf(wp);
    if (kind) markers.push({ seq: wp.seq, kind });
    changesSince += wp.changes.length + 1;
    if (changesSince >= every) {
      checkpoints.push({ at: waypoints.length, world: cloneWorld(world) });
      changesSince = 0;
    }
  });
  let cursor: Checkpoint | null = null;
  const actions: ActionSpan[] = [];
  const results: ActionResult[] = [];
  const violations: Violation[] = [];
  const actionList: Action[] = [];

  registerDevices(ctx);
  actions.push({ i: -1, op: 'register', first: 0, last: waypoints.length - 1 });

  function runAction(a: Action): void {
    const i = actionList.length;
    ctx.action = i;
    const first = waypoints.length;
    let result: ActionResult;
    try {
      result = step(ctx, a, i);
    } catch (e) {
      rollBack(first);
      throw new EngineBug(i, a, e);
    }
    actionList.push(a);
    if (ctx.pending.length || waypoints.length === first) emitClosing(a.op);
    results.push(result);
    actions.push({ i, op: a.op, first, last: waypoints.length - 1, result });
    for (const f of checkInvariants(world)) violations.push({ after: i, ...f });
  }

  /** An exception is an engine bug: undo the half-run action so the last good state stays. */
  function rollBack(first: number): void {
    applyChanges(world, ctx.pending, false);
    for (let j = waypoints.length - 1; j >= first; j--)
      applyChanges(world, waypoints[j].changes, false);
    waypoints.length = first;
    while (markers.length && markers[markers.length - 1].seq >= first) markers.pop();
    forgetFreeHints(world);
    while (checkpoints[checkpoints.length - 1].at > first) checkpoints.pop();
    cursor = null;
    Object.assign(ctx, { pending: [], stack: [], path: null, interleave: null, seq: first });
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
    markers: markers.slice(),
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
      const from = nearestCheckpoint(checkpoints, i + 1);
      if (!cursor || Math.abs(cursor.at - (i + 1)) > i + 1 - from.at)
        cursor = { at: from.at, world: cloneWorld(from.world) };
      for (; cursor.at < i + 1; cursor.at++)
        applyChanges(cursor.world, waypoints[cursor.at].changes, true);
      for (; cursor.at > i + 1; cursor.at--)
        applyChanges(cursor.world, waypoints[cursor.at - 1].changes, false);
      return { index: i, waypoint: waypoints[i], world: cloneWorld(cursor.world) };
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
