// A scenario run into a timeline of waypoints. The live world advances as actions run. A
// checkpoint (a shallow clone) is due whenever the changes since the last one outweigh the
// world's size, so checkpoint cost stays proportional to the work done; seek(i) replays from the
// nearest checkpoint, or moves a cursor world when i is close to the previous seek.
// Checkpoints are not taken during the run but built afterwards by replaying the trace (the
// same replay a seek does), a few at a time (buildCheckpoints) or when a seek needs them: the
// run of a link that opens at step 0 does not wait for clones of worlds nobody has asked for.
// A lazy timeline runs its scenario's actions only when asked (runSome), so a long run's first
// steps can be shown while the rest is still running.
import { createCtx, emit, say } from '../engine/ctx.ts';
import { registerDevices } from '../engine/driver/devmem.ts';
import { createTraceHasher } from '../engine/hash.ts';
import { forgetFreeHints } from '../engine/freeHint.ts';
import { checkInvariants } from '../engine/invariants.ts';
import {
  RESULT_FORMAT,
  RESULT_FORMAT_V2,
  type ActionResult,
  type RunReport,
  type Violation,
} from '../engine/result.ts';
import { reportCounters, reportDevices, reportHostFrames, reportPages } from '../engine/report.ts';
import { cloneWorld, emptyWorld, type VPage, type World } from '../engine/state.ts';
import { step } from '../engine/step.ts';
import { layerOf, subjectOf } from '../engine/store/subject.ts';
import { ROOT } from '../engine/store/trace.ts';
import type { Layer } from '../engine/layers.ts';
import type { Change, Waypoint } from '../engine/trace.ts';
import { withFormatFor } from '../scenario/formatFor.ts';
import { SCENARIO_FORMAT_V2, type Action, type Scenario } from '../scenario/types.ts';
import type { RunDigest } from '../scenario/linkDigest.ts';
import { runDigest } from './digest.ts';
import { markerOf } from './markers.ts';
import type { ActionSpan, Frame, TimelineSummary } from './types.ts';

export interface Timeline {
  readonly scenario: Scenario;
  /** Waypoints so far. */
  readonly count: number;
  /** Whether every action of the scenario has run (a lazy timeline runs them in runSome). */
  readonly complete: boolean;
  /** Runs up to `actions` more of the scenario's actions; true once all have run. */
  runSome(actions: number): boolean;
  /** Waypoint i, materialised from the trace's rows. */
  waypoint(i: number): Waypoint;
  /** The kernel function of waypoint i (nothing else materialised). */
  fn(i: number): string;
  /** Waypoint i's action, function and narration: its trace line, without its changes or
   *  call path (what comparing two traces reads). */
  line(i: number): { action: number; fn: string; text: string };
  /** Only the changes of waypoint i (no text or path rendered). */
  changes(i: number): Change[];
  /** Who waypoint i is: action, fn, layer, device and call path (no text or changes rendered). */
  call(i: number): { action: number; fn: string; layer: Layer; device?: string; path: string[] };
  /** Every PTE value pid/page took, with the waypoint that set it. */
  pteEvents(pid: number, page: number): { seq: number; after: VPage | null }[];
  /** `hash: false` leaves traceHash null unless it is already known (see hashSome).
   *  `through`: only the run's first steps, to the end of the action holding that waypoint
   *  (not complete, unless that is the whole run). */
  summary(opts?: { hash?: boolean; through?: number }): TimelineSummary;
  /** Hashes up to `budget` more waypoints: the traceHash once complete, else null. */
  hashSome(budget: number): string | null;
  /** Builds up to `budget` more due checkpoints; true once every one is built. */
  buildCheckpoints(budget: number): boolean;
  seek(index: number): Frame;
  /** The world after waypoint `index`, lent to `read` without a copy: it must not keep or
   *  change it (the next seek moves it). What a caller stepping by deltas uses. */
  peek<T>(index: number, read: (world: Readonly<World>) => T): T;
  append(action: Action): TimelineSummary;
  report(opts?: { trace?: boolean }): RunReport;
  /** The digest a share link of this run carries. */
  digest(): RunDigest;
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
  /** checkpointEvery: changes between checkpoints (default: about the world's size).
   *  lazy: run no action yet, only the device registration (runSome runs them). */
  opts: { checkpointEvery?: number; lazy?: boolean } = {},
): Timeline {
  const world = emptyWorld(scenario.config);
  const checkpoints: Checkpoint[] = [{ at: 0, world: cloneWorld(world) }];
  /** Where the checkpoints not built yet go (waypoint counts, ascending). */
  const due: number[] = [];
  /** Replays the trace from the last checkpoint built to the next one due. */
  let builder: Checkpoint | null = null;
  const markers: TimelineSummary['markers'] = [];
  const every = opts.checkpointEvery ?? worldSize(world);
  let changesSince = 0;
  const ctx = createCtx(world, (i) => {
    const kind = markerOf(trace, i);
    if (kind) markers.push({ seq: i, kind });
    changesSince += trace.endChange(i) - trace.firstChange(i) + 1;
    if (changesSince >= every) {
      due.push(i + 1);
      changesSince = 0;
    }
  });
  const trace = ctx.trace;
  const hasher = createTraceHasher(trace);
  let cursor: Checkpoint | null = null;
  let digest: { count: number; value: RunDigest } | null = null;
  const actions: ActionSpan[] = [];
  const results: ActionResult[] = [];
  const violations: Violation[] = [];
  const actionList: Action[] = [];

  registerDevices(ctx);
  actions.push({ i: -1, op: 'register', first: 0, last: trace.count - 1 });
  // Registration writes every device frame: seeking into the first actions (or to "before the
  // first action", where a comparison starts) should not replay it. This one checkpoint stands
  // for any due within registration.
  if (changesSince > 0) {
    due.length = 0;
    due.push(trace.count);
    changesSince = 0;
  }

  function runAction(a: Action): void {
    const i = actionList.length;
    ctx.action = i;
    const first = trace.count;
    let result: ActionResult;
    try {
      result = step(ctx, a, i);
    } catch (e) {
      rollBack(first);
      throw new EngineBug(i, a, e);
    }
    actionList.push(a);
    if (trace.openChanges() || trace.count === first) emitClosing(a.op);
    results.push(result);
    actions.push({ i, op: a.op, first, last: trace.count - 1, result });
    for (const f of checkInvariants(world)) violations.push({ after: i, ...f });
  }

  /** An exception is an engine bug: undo the half-run action so the last good state stays. */
  function rollBack(first: number): void {
    trace.applyRows(world, trace.firstChange(first), trace.changes, false);
    trace.truncate(first);
    while (markers.length && markers[markers.length - 1].seq >= first) markers.pop();
    forgetFreeHints(world);
    while (checkpoints[checkpoints.length - 1].at > first) checkpoints.pop();
    while (due.length && due[due.length - 1] > first) due.pop();
    if (builder && builder.at > first) builder = null;
    cursor = null;
    Object.assign(ctx, { node: ROOT, interleave: null });
  }

  /** Moves the cursor world to just after waypoint `index` (clamped to the trace). */
  function moveCursor(index: number): Checkpoint {
    const i = Math.max(0, Math.min(index, trace.count - 1));
    buildDue(i + 1, Infinity);
    const from = nearestCheckpoint(checkpoints, i + 1);
    if (!cursor || Math.abs(cursor.at - (i + 1)) > i + 1 - from.at)
      cursor = { at: from.at, world: cloneWorld(from.world) };
    const here = trace.firstChange(cursor.at);
    const there = trace.firstChange(i + 1);
    trace.applyRows(cursor.world, Math.min(here, there), Math.max(here, there), there > here);
    cursor.at = i + 1;
    return cursor;
  }

  function emitClosing(op: Action['op']): void {
    emit(ctx, op, say`${op} completes.`);
  }

  /** How many of the scenario's actions have run. */
  let ran = 0;
  function runSome(budget: number): boolean {
    for (let n = 0; n < budget && ran < scenario.actions.length; n++) {
      runAction(scenario.actions[ran]);
      ran++;
    }
    return ran === scenario.actions.length;
  }
  if (!opts.lazy) runSome(Infinity);
  /** A @1 run that is appended a @2 op (a pin from the toolbar) reports, and links, as @2. */
  let format = scenario.format;

  /** Builds the due checkpoints at or before `upTo`, at most `budget` of them. */
  function buildDue(upTo: number, budget: number): void {
    let built = 0;
    while (due.length && due[0] <= upTo && built++ < budget) {
      const at = due.shift()!;
      const last = checkpoints[checkpoints.length - 1];
      if (builder?.at !== last.at) builder = { at: last.at, world: cloneWorld(last.world) };
      trace.applyRows(builder.world, trace.firstChange(builder.at), trace.firstChange(at), true);
      builder.at = at;
      checkpoints.push({ at, world: cloneWorld(builder.world) });
    }
    if (due.length === 0) builder = null;
  }

  const summary = (opts: { hash?: boolean; through?: number } = {}): TimelineSummary => {
    // Only as far as the end of the action holding waypoint `through`: the run's first steps.
    const upTo = opts.through ?? Infinity;
    const n =
      upTo >= trace.count - 1 ? actions.length : actions.findIndex((a) => a.last >= upTo) + 1;
    const whole = n === actions.length;
    const count = whole ? trace.count : actions[n - 1].last + 1;
    let m = markers.length;
    while (m > 0 && markers[m - 1].seq >= count) m--;
    return {
      config: scenario.config,
      count,
      complete: whole && ran === scenario.actions.length,
      traceHash: !whole ? null : opts.hash === false ? hasher.advance(0) : hasher.hex(),
      actions: actions.slice(0, n),
      markers: markers.slice(0, m),
      violations: whole
        ? violations.slice()
        : violations.filter((v) => v.after <= actions[n - 1].i),
    };
  };

  return {
    get scenario() {
      return { ...scenario, format, actions: actionList.slice() };
    },
    get count() {
      return trace.count;
    },
    get complete() {
      return ran === scenario.actions.length;
    },
    runSome,
    waypoint: (i) => trace.waypoint(i),
    fn: (i) => trace.fnOf(i),
    line: (i) => ({ action: trace.actionOf(i), fn: trace.fnOf(i), text: trace.textOf(i) }),
    changes: (i) => trace.changesOf(i),
    call(i) {
      const subject = subjectOf(trace, i);
      return {
        action: trace.actionOf(i),
        fn: trace.fnOf(i),
        layer: layerOf(trace, i, subject),
        device: subject.device,
        path: trace.pathOf(i),
      };
    },
    pteEvents: (pid, page) => trace.pteEvents(pid, page),
    summary,
    hashSome: (budget) => hasher.advance(budget),
    buildCheckpoints(budget: number): boolean {
      buildDue(Infinity, budget);
      return due.length === 0;
    },
    seek(index: number): Frame {
      const c = moveCursor(index);
      return { index: c.at - 1, waypoint: trace.waypoint(c.at - 1), world: cloneWorld(c.world) };
    },
    peek: (index, read) => read(moveCursor(index).world),
    append(action: Action): TimelineSummary {
      // After the scenario's own actions, whether or not they have all run yet.
      runSome(Infinity);
      runAction(action);
      format = withFormatFor({ format, actions: [action] }).format;
      return summary();
    },
    digest(): RunDigest {
      if (digest?.count !== trace.count)
        digest = {
          count: trace.count,
          value: runDigest(
            trace,
            actions.map((a) => a.last + 1),
          ),
        };
      return digest.value;
    },
    report(opts = {}): RunReport {
      const v2 = format === SCENARIO_FORMAT_V2;
      const doc: RunReport = {
        format: v2 ? RESULT_FORMAT_V2 : RESULT_FORMAT,
        results: results.slice(),
        pages: reportPages(world, v2),
        devices: reportDevices(world, v2),
        hostFrames: reportHostFrames(world, v2),
        counters: reportCounters(world, v2),
        invariants: { checked: results.length, violations: violations.slice() },
        waypoints: trace.count,
        traceHash: hasher.hex(),
      };
      if (opts.trace)
        doc.trace = Array.from({ length: trace.count }, (_, i) => {
          const subject = subjectOf(trace, i);
          return {
            seq: i,
            action: trace.actionOf(i),
            fn: trace.fnOf(i),
            text: trace.textOf(i),
            layer: layerOf(trace, i, subject),
            subject,
            depth: trace.depthAt(i),
            parent: trace.parentOf(i),
          };
        });
      return doc;
    },
  };
}
