// Two timelines stepped together, action by action: what the compare worker serves and the
// bench times. Pure (no worker). Each side keeps a cursor world that moves by the waypoints
// between the steps (no copy), and its page reports, where a page nobody touched keeps its
// report object: a step costs the waypoints it crosses plus one pass over the pages, not a
// copy and a fresh report of both worlds. Before the runs' actions differ (a what-if's edit),
// one side's reports serve both. Steps already computed are kept (a few dozen).
import type { Scenario } from '../scenario/types.ts';
import type { AlignedStep } from '../scenario/whatif.ts';
import {
  diffStates,
  findParting,
  pageKey,
  stateOfWorld,
  type Parting,
  type StateDiff,
  type StateView,
  type TraceView,
} from './diff.ts';
import { createPageTrack } from './pageTrack.ts';
import type { Timeline } from './timeline.ts';
import type { CompareList, ComparePoint, SidePoint } from './compareTypes.ts';

/** Compare steps kept: enough to step back and forth over a lesson without recomputing. */
export const KEEP = 64;

const traceView = (t: Timeline): TraceView => ({ count: t.count, at: (i) => t.line(i) });

type Side = { side: SidePoint; state: StateView };

/** One side of a comparison: where each action ends, and the pages as the cursor last saw.
 *  `state` given: this side's world is known to equal that one (no look at its own). */
function createSide(t: Timeline) {
  const spans = t.summary({ hash: false }).actions;
  const track = createPageTrack();
  return (action: number, same?: StateView): Side => {
    const span = spans.find((s) => s.i === action) ?? spans[0];
    const state = same ?? t.peek(span.last, (w) => stateOfWorld(w, track.update(w)));
    // The counters object is the cursor's own: copy it before the cursor moves on.
    if (!same) state.counters = { ...state.counters };
    const w = t.line(span.last);
    return {
      side: {
        index: span.last,
        action: span.i,
        op: span.op,
        status: span.result?.status ?? null,
        fn: w.fn,
        text: w.text,
        pages: state.pages,
      },
      state,
    };
  };
}

/** How many leading actions the two runs share, config and format included (-1: not even
 *  those). The engine is deterministic: up to there, both runs are in the same world — the
 *  prefix before a what-if's edit, where one side's reports serve both. */
function sharedActions(a: Scenario, b: Scenario): number {
  const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
  if (a.format !== b.format || !same(a.config, b.config)) return -1;
  let n = 0;
  while (n < a.actions.length && n < b.actions.length && same(a.actions[n], b.actions[n])) n++;
  return n;
}

export interface Comparison {
  steps: AlignedStep[];
  parting(): Parting | null;
  /** Compare step k; with `list`, a big run's pages trimmed to what a view lists. */
  at(k: number, list?: CompareList): ComparePoint;
}

/** One compare step as computed: both sides whole, the diff listing what the first asker
 *  needed. */
interface Step {
  left: SidePoint;
  right: SidePoint;
  diff: StateDiff;
}

/** How many differing pages a view of `list` lists at this step: past list.upTo pages only
 *  list.differ of them (a 4096-page step is otherwise a megabyte and more for the worker to
 *  send), else all. */
function listedOf(s: Pick<Step, 'left' | 'right'>, list?: CompareList): number {
  const big = list && Math.max(s.left.pages.length, s.right.pages.length) > list.upTo;
  return big ? list.differ : Infinity;
}

/** The step as a view of `list` sees it: a big run's sides carry only the listed pages. */
function view(k: number, s: Step, list?: CompareList): ComparePoint {
  const n = listedOf(s, list);
  if (n === Infinity) return { k, left: s.left, right: s.right, diff: s.diff };
  const pages = s.diff.pages.length > n ? s.diff.pages.slice(0, n) : s.diff.pages;
  const listed = new Set(pages.map(pageKey));
  const trim = (x: SidePoint): SidePoint => ({
    ...x,
    pages: x.pages.filter((p) => listed.has(pageKey(p))),
    pageCount: x.pages.length,
  });
  return { k, left: trim(s.left), right: trim(s.right), diff: { ...s.diff, pages } };
}

export function createComparison(
  a: Timeline,
  b: Timeline,
  given?: AlignedStep[] | null,
): Comparison {
  const na = a.scenario.actions.length;
  const nb = b.scenario.actions.length;
  const steps =
    given ??
    Array.from({ length: Math.max(na, nb) }, (_, i): AlignedStep => [
      i < na ? i : null,
      i < nb ? i : null,
    ]);
  /** The action each side has finished after compare step k (-1 before any). */
  const finished = (k: number, side: 0 | 1): number => {
    for (let j = Math.min(k, steps.length - 1); j >= 0; j--) {
      const x = steps[j][side];
      if (x !== null) return x;
    }
    return -1;
  };
  const left = createSide(a);
  const right = createSide(b);
  const shared = sharedActions(a.scenario, b.scenario);
  const kept = new Map<number, Step>();
  return {
    steps,
    parting: () => findParting(traceView(a), traceView(b)),
    at(k, list) {
      const kk = Math.max(-1, Math.min(steps.length - 1, Math.trunc(k)));
      const hit = kept.get(kk);
      // A kept step serves a view that lists no more differing pages than it has.
      if (hit && hit.diff.pages.length >= Math.min(listedOf(hit, list), hit.diff.differ))
        return view(kk, hit, list);
      const x = finished(kk, 0);
      const y = finished(kk, 1);
      const l = left(x);
      const r = right(y, x === y && x < shared ? l.state : undefined);
      // Pages a view does not list are counted, not made into diff objects.
      const sides = { left: l.side, right: r.side };
      const step: Step = { ...sides, diff: diffStates(l.state, r.state, listedOf(sides, list)) };
      if (kept.size >= KEEP) kept.delete(kept.keys().next().value!);
      kept.set(kk, step);
      return view(kk, step, list);
    },
  };
}
