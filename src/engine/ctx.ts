// The recording context: every mutation of the world goes through these setters, which append a
// (before, after) change row to the trace; emit() closes the current waypoint over the rows
// written since the previous one. This is what makes time travel a replay of changes instead of
// a re-run. Rows hold packed numbers (store/codec.ts) so long runs cost no garbage collection.
import {
  KEYED_INDEX,
  type CounterName,
  type DevPage,
  type DevPte,
  type HostPage,
  type Keyed,
  type VPage,
  type World,
} from './state.ts';
import { packValue } from './store/codec.ts';
import type { KernelFn } from './layers.ts';
import { K } from './store/kinds.ts';
import { MAX_DEPTH, ROOT, Trace } from './store/trace.ts';
import type { Said } from './store/say.ts';

export { say } from './store/say.ts';

export interface Ctx {
  w: World;
  trace: Trace;
  action: number;
  /** The current call path (a node of the trace's path tree). */
  node: number;
  /** Told the index of each waypoint as it closes (the timeline's markers and checkpoints). */
  onWaypoint: ((i: number) => void) | null;
  /** Runs an interleaved action inside a device fault round (flow I); set by the driver. */
  interleave: null | (() => void);
  /**
   * Per call depth: the seq of the open span's first waypoint (NO_WAYPOINT_YET until it emits
   * one; the root, depth 0, is no span and keeps -1), and
   * the span's subject (pid, pages [lo, hi), device, frame; -1: none). A span starts with its
   * caller's subject; the about* setters narrow the current one.
   */
  first: Int32Array;
  pid: Int32Array;
  lo: Int32Array;
  hi: Int32Array;
  dev: Int32Array;
  frame: Int32Array;
}

export function createCtx(
  w: World,
  onWaypoint: ((i: number) => void) | null = null,
  trace = new Trace(),
): Ctx {
  trace.devNames = w.devices.map((d) => d.name);
  const none = () => new Int32Array(MAX_DEPTH).fill(-1);
  return {
    w,
    trace,
    action: -1,
    node: ROOT,
    onWaypoint,
    interleave: null,
    first: none(),
    pid: none(),
    lo: none(),
    hi: none(),
    dev: none(),
    frame: none(),
  };
}

/** A span's first waypoint before it has one (the root's is -1: it is no span). */
const NO_WAYPOINT_YET = -2;

export function emit(c: Ctx, fn: KernelFn, text: Said): void {
  const t = c.trace;
  const d = t.depthOf(c.node);
  // Spans entered since the last waypoint open with this one; the innermost that opened
  // earlier is its parent. The root is no span: its first stays -1, no parent.
  let k = d;
  const first = c.first;
  while (first[k] === NO_WAYPOINT_YET) first[k--] = t.count;
  const parent = first[k];
  const i = t.addWaypoint(
    c.action,
    fn,
    c.node,
    text,
    parent,
    c.pid[d],
    c.lo[d],
    c.hi[d],
    c.dev[d],
    c.frame[d],
  );
  if (c.onWaypoint) c.onWaypoint(i);
}

/** The current span is about pages [lo, hi) of pid (lo -1: no pages). */
export function aboutPages(c: Ctx, pid: number, lo: number, hi: number): void {
  const d = c.trace.depthOf(c.node);
  c.pid[d] = pid;
  c.lo[d] = lo;
  c.hi[d] = hi;
}

export const aboutPage = (c: Ctx, pid: number, page: number): void =>
  aboutPages(c, pid, page, page + 1);

/** The current span is about process pid as a whole, no pages in particular. */
export function aboutProcess(c: Ctx, pid: number): void {
  const d = c.trace.depthOf(c.node);
  c.pid[d] = pid;
  c.lo[d] = c.hi[d] = -1;
}

/** The current span is about device dev (and one of its frames, or -1). */
export function aboutDevice(c: Ctx, dev: number, frame = -1): void {
  const d = c.trace.depthOf(c.node);
  c.dev[d] = dev;
  c.frame[d] = frame;
}

/** Opens a span at node: no waypoint yet, the caller's subject. */
function open(c: Ctx, node: number): void {
  const d = c.trace.depthOf(node);
  c.first[d] = NO_WAYPOINT_YET;
  c.pid[d] = c.pid[d - 1];
  c.lo[d] = c.lo[d - 1];
  c.hi[d] = c.hi[d - 1];
  c.dev[d] = c.dev[d - 1];
  c.frame[d] = c.frame[d - 1];
  c.node = node;
}

/**
 * Runs body with fn pushed on the call path. No finally: an exception here is an engine bug,
 * and the timeline that catches it rolls the run back and resets the path itself.
 */
export function within<T>(c: Ctx, fn: KernelFn, body: () => T): T {
  const parent = c.node;
  open(c, c.trace.enter(parent, fn));
  const r = body();
  c.node = parent;
  return r;
}

/**
 * within() without the closure, for per-page paths: pushes fn and returns the path to give
 * leave(). Every exit between the two must leave; same no-finally rule as within.
 */
export function enter(c: Ctx, fn: KernelFn): number {
  const parent = c.node;
  open(c, c.trace.enter(parent, fn));
  return parent;
}

export function leave(c: Ctx, saved: number): void {
  c.node = saved;
}

export function setPte(c: Ctx, pid: number, page: number, after: VPage | null): void {
  const pages = c.w.procs[pid].pages;
  const t = c.trace;
  t.addChange(K.Pte, pid, page, t.packVPage(pages[page]), 0, t.packVPage(after), 0);
  if (after) pages[page] = after;
  else delete pages[page];
}

export function setHost(c: Ctx, frame: number, after: HostPage): void {
  const before = c.w.hostFrames[frame];
  const t = c.trace;
  t.addChange(
    K.Host,
    frame,
    0,
    t.packHost(before),
    packValue(before),
    t.packHost(after),
    packValue(after),
  );
  c.w.hostFrames[frame] = after;
}

export function setDevPage(c: Ctx, dev: number, frame: number, after: DevPage): void {
  const frames = c.w.devices[dev].frames;
  const before = frames[frame];
  const t = c.trace;
  const b = t.packDevPage(before, dev, frame);
  const a = t.packDevPage(after, dev, frame);
  t.addChange(K.DevPage, dev, frame, b, before ? packValue(before) : 0, a, packValue(after));
  frames[frame] = after;
}

export function setDevPte(c: Ctx, dev: number, key: number, after: DevPte | null): void {
  const pt = c.w.devices[dev].pt;
  const before = pt[key];
  if (!before && !after) return;
  const t = c.trace;
  t.addChange(K.DevPte, dev, key, t.packDevPte(before), 0, t.packDevPte(after), 0);
  if (after) pt[key] = after;
  else delete pt[key];
}

export function setSeq(c: Ctx, dev: number, after: number): void {
  const d = c.w.devices[dev];
  c.trace.addChange(K.Seq, dev, 0, d.seq, 0, after, 0);
  d.seq = after;
}

export function setFailNextAlloc(c: Ctx, dev: number, after: boolean): void {
  const d = c.w.devices[dev];
  c.trace.addChange(K.Flag, dev, 0, d.failNextAlloc ? 1 : 0, 0, after ? 1 : 0, 0);
  d.failNextAlloc = after;
}

export function bump(c: Ctx, name: CounterName, by = 1): void {
  c.w.counters[name] += by;
  c.trace.addChange(K.Ctr, c.trace.counterIndex(name), 0, 0, 0, by, 0);
}

/** Sets (or with undefined, removes) one entry of a per-key table of the world. */
export function setKeyed(c: Ctx, table: Keyed, key: number, after: number | undefined): void {
  const t = c.w[table];
  const before = t[key];
  if (before === after) return;
  if (after === undefined) delete t[key];
  else t[key] = after;
  c.trace.addChange(K.Keyed, KEYED_INDEX[table], key, before ?? NaN, 0, after ?? NaN, 0);
}

export const setExpect = (c: Ctx, key: number, after: number | undefined): void =>
  setKeyed(c, 'expect', key, after);

/** A process comes into being (fork). */
export function addProc(c: Ctx, pid: number): void {
  c.w.procs[pid] = { pid, pages: {} };
  c.trace.addChange(K.Proc, pid, 0, 0, 0, 1, 0);
}
