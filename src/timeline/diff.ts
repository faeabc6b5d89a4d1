// Two runs compared: where they part and how their states differ. Pure (no DOM, no worker):
// the CLI's `diff`, the lab's What if… view and any other two-run comparison use the same code.
import type { Counters, World } from '../engine/state.ts';
import type { PageReport, ReportCounters } from '../engine/result.ts';
import { reportPages } from '../engine/report.ts';
import { freeFrames } from '../engine/svm/state.ts';
import { ZERO_COUNTERS } from '../engine/state.ts';

/** The parts of a run's state a comparison looks at (a RunReport has them all). */
export interface StateView {
  pages: PageReport[];
  devices: { name: string; frames: number; free: number; seq: number }[];
  hostFrames: { total: number; free: number };
  /** A result@1 report has the eight @1 counters, a world or result@2 all of them. */
  counters: ReportCounters;
}

type PageField = 'cpu' | 'location' | 'value' | 'writable';

export interface PageDiff {
  pid: number;
  page: number;
  /** null: the page is not mapped on that side. */
  left: Omit<PageReport, 'pid' | 'page'> | null;
  right: Omit<PageReport, 'pid' | 'page'> | null;
  differ: readonly PageField[];
}

export interface CountDiff {
  name: string;
  left: number | null;
  right: number | null;
  delta: number;
}

export interface StateDiff {
  pages: PageDiff[];
  /** How many pages differ: pages.length, unless a limit listed only the first of them. */
  differ: number;
  /** Frames in use per device (by name), then host RAM as `host`. */
  frames: CountDiff[];
  /** Notifier sequence per device. */
  seq: CountDiff[];
  counters: CountDiff[];
}

/** One side's waypoint at the parting point (null: that run has already ended). */
interface PartSide {
  action: number;
  fn: string;
  text: string;
}

export interface Parting {
  seq: number;
  left: PartSide | null;
  right: PartSide | null;
}

/** What a trace offers the parting search: a Timeline or a RunReport's trace both do. */
export interface TraceView {
  count: number;
  at(i: number): PartSide;
}

const FIELDS: readonly PageField[] = ['cpu', 'location', 'value', 'writable'];

function pageState(p: PageReport): PageDiff['left'] {
  return { cpu: p.cpu, writable: p.writable, location: p.location, value: p.value };
}

/** One number per (pid, page), in report order. */
export const pageKey = (p: { pid: number; page: number }) => p.pid * 65536 + p.page;

/** The state a comparison looks at; `pages` when the caller already has them (a PageTrack). */
export function stateOfWorld(w: Readonly<World>, pages?: PageReport[]): StateView {
  return {
    pages: pages ?? reportPages(w),
    devices: w.devices.map((d, dev) => ({
      name: d.name,
      frames: d.size,
      free: d.driver === 'svm' ? freeFrames(w, dev).length : countFree(d.frames),
      seq: d.seq,
    })),
    hostFrames: { total: w.hostFrames.length, free: countFree(w.hostFrames) },
    counters: w.counters,
  };
}

/** Free frames, as reportDevices/reportHostFrames count them (without building their lists). */
function countFree(frames: readonly ({ ref: number } | undefined)[]): number {
  let n = 0;
  for (let i = 0; i < frames.length; i++) if (frames[i]?.ref === 0) n++;
  return n;
}

/** The differing fields, one frozen list per combination: a step over thousands of differing
 *  pages allocates none of them. */
const DIFFER: readonly (readonly PageField[])[] = Array.from(
  { length: 1 << FIELDS.length },
  (_, m) => Object.freeze(FIELDS.filter((_, i) => m & (1 << i))),
);

function differingFields(l: PageReport, r: PageReport): number {
  let m = 0;
  for (let i = 0; i < FIELDS.length; i++) if (l[FIELDS[i]] !== r[FIELDS[i]]) m |= 1 << i;
  return m;
}

/** The pages that differ, both lists being sorted by pid, page (merged). All are counted; only
 *  the first `limit` are listed (a view of a big run lists a few hundred of thousands). */
export function diffPages(
  a: readonly PageReport[],
  b: readonly PageReport[],
  limit = Infinity,
): { pages: PageDiff[]; count: number } {
  const pages: PageDiff[] = [];
  let count = 0;
  const add = (
    pid: number,
    page: number,
    l: PageReport | null,
    r: PageReport | null,
    m: number,
  ) => {
    if (count++ < limit)
      pages.push({
        pid,
        page,
        left: l && pageState(l),
        right: r && pageState(r),
        differ: DIFFER[m],
      });
  };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const ka = i < a.length ? pageKey(a[i]) : Infinity;
    const kb = j < b.length ? pageKey(b[j]) : Infinity;
    if (ka === kb) {
      // Most pages agree, often as the very same report: compare before allocating anything.
      const m = a[i] === b[j] ? 0 : differingFields(a[i], b[j]);
      if (m) add(a[i].pid, a[i].page, a[i], b[j], m);
      i++;
      j++;
    } else if (ka < kb) {
      add(a[i].pid, a[i].page, a[i], null, DIFFER.length - 1);
      i++;
    } else {
      add(b[j].pid, b[j].page, null, b[j], DIFFER.length - 1);
      j++;
    }
  }
  return { pages, count };
}

function count(name: string, left: number | null, right: number | null): CountDiff {
  return { name, left, right, delta: (right ?? 0) - (left ?? 0) };
}

function byName<T extends { name: string }>(
  a: readonly T[],
  b: readonly T[],
  get: (d: T) => number,
): CountDiff[] {
  const names = [
    ...a.map((d) => d.name),
    ...b.map((d) => d.name).filter((n) => !a.some((d) => d.name === n)),
  ];
  return names.map((n) => {
    const l = a.find((d) => d.name === n);
    const r = b.find((d) => d.name === n);
    return count(n, l ? get(l) : null, r ? get(r) : null);
  });
}

/** With `limit`, only the first `limit` differing pages are listed (what a compare view of a
 *  big run shows); `differ` counts them all. */
export function diffStates(a: StateView, b: StateView, limit = Infinity): StateDiff {
  const frames = byName(a.devices, b.devices, (d) => d.frames - d.free);
  frames.push(
    count('host', a.hostFrames.total - a.hostFrames.free, b.hostFrames.total - b.hostFrames.free),
  );
  const pages = diffPages(a.pages, b.pages, limit);
  return {
    pages: pages.pages,
    differ: pages.count,
    frames,
    seq: byName(a.devices, b.devices, (d) => d.seq),
    counters: (Object.keys(ZERO_COUNTERS) as (keyof Counters)[])
      // The @2 counters only where a run moved them: @1 comparisons stay as they were.
      .filter((k, i) => i < 8 || (a.counters[k] ?? 0) !== 0 || (b.counters[k] ?? 0) !== 0)
      .map((k) => count(k, a.counters[k] ?? 0, b.counters[k] ?? 0)),
  };
}

/** True when the states differ anywhere a comparison shows. */
export function statesDiffer(d: StateDiff): boolean {
  const moved = (c: CountDiff) => c.delta !== 0 || c.left === null || c.right === null;
  return d.differ > 0 || d.frames.some(moved) || d.seq.some(moved) || d.counters.some(moved);
}

/** The first waypoint at which the two traces differ (action, fn or text), or null. */
export function findParting(a: TraceView, b: TraceView): Parting | null {
  const n = Math.min(a.count, b.count);
  for (let i = 0; i < n; i++) {
    const l = a.at(i);
    const r = b.at(i);
    if (l.action !== r.action || l.fn !== r.fn || l.text !== r.text)
      return { seq: i, left: l, right: r };
  }
  if (a.count === b.count) return null;
  return {
    seq: n,
    left: n < a.count ? a.at(n) : null,
    right: n < b.count ? b.at(n) : null,
  };
}
