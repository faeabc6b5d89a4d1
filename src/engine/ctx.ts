// The recording context: every mutation of the world goes through these setters, which log a
// (before, after) change; emit() closes the current waypoint with the changes made since the
// previous one. This is what makes time travel a replay of changes instead of a re-run.
import type { CounterName, DevPage, DevPte, HostPage, VPage, World } from './state.ts';
import type { Change, Waypoint } from './trace.ts';

export interface Ctx {
  w: World;
  /** Receives each finished waypoint. */
  sink: (wp: Waypoint) => void;
  seq: number;
  action: number;
  pending: Change[];
  /** Caller frames of the current kernel path, outermost first. */
  stack: string[];
  /** A frozen copy of stack shared by consecutive waypoints until the stack changes. */
  path: string[] | null;
  /** Runs an interleaved action inside a device fault round (flow I); set by the driver. */
  interleave: null | (() => void);
}

export function createCtx(w: World, sink: (wp: Waypoint) => void, seq = 0): Ctx {
  return { w, sink, seq, action: -1, pending: [], stack: [], path: null, interleave: null };
}

export function emit(c: Ctx, fn: string, text: string): void {
  const path = (c.path ??= c.stack.slice());
  c.sink({ seq: c.seq++, action: c.action, fn, text, path, changes: c.pending });
  c.pending = [];
}

/** Runs body with fn pushed on the call path. */
export function within<T>(c: Ctx, fn: string, body: () => T): T {
  c.stack.push(fn);
  c.path = null;
  try {
    return body();
  } finally {
    c.stack.pop();
    c.path = null;
  }
}

export function setPte(c: Ctx, pid: number, page: number, after: VPage | null): void {
  const pages = c.w.procs[pid].pages;
  const before = pages[page] ?? null;
  if (after) pages[page] = after;
  else delete pages[page];
  c.pending.push({ k: 'pte', pid, page, before, after });
}

export function setHost(c: Ctx, frame: number, after: HostPage): void {
  const before = c.w.hostFrames[frame];
  c.w.hostFrames[frame] = after;
  c.pending.push({ k: 'host', frame, before, after });
}

export function setDevPage(c: Ctx, dev: number, frame: number, after: DevPage): void {
  const frames = c.w.devices[dev].frames;
  const before = frames[frame] ?? null;
  frames[frame] = after;
  c.pending.push({ k: 'dpage', dev, frame, before, after });
}

export function setDevPte(c: Ctx, dev: number, key: number, after: DevPte | null): void {
  const pt = c.w.devices[dev].pt;
  const before = pt[key] ?? null;
  if (before === null && after === null) return;
  if (after) pt[key] = after;
  else delete pt[key];
  c.pending.push({ k: 'dpte', dev, key, before, after });
}

export function setSeq(c: Ctx, dev: number, after: number): void {
  const d = c.w.devices[dev];
  c.pending.push({ k: 'seq', dev, before: d.seq, after });
  d.seq = after;
}

export function setFailNextAlloc(c: Ctx, dev: number, after: boolean): void {
  const d = c.w.devices[dev];
  c.pending.push({ k: 'flag', dev, before: d.failNextAlloc, after });
  d.failNextAlloc = after;
}

export function bump(c: Ctx, name: CounterName, by = 1): void {
  c.w.counters[name] += by;
  c.pending.push({ k: 'ctr', name, by });
}

export function setExpect(c: Ctx, key: number, after: number | undefined): void {
  const before = c.w.expect[key];
  if (before === after) return;
  if (after === undefined) delete c.w.expect[key];
  else c.w.expect[key] = after;
  c.pending.push({ k: 'expect', key, before, after });
}
