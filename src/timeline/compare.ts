// Two timelines stepped together, action by action: what the compare worker serves and the
// bench times. Pure (no worker): each step seeks both runs and diffs their states.
import type { AlignedStep } from '../scenario/whatif.ts';
import {
  diffStates,
  findParting,
  stateOfWorld,
  type Parting,
  type StateView,
  type TraceView,
} from './diff.ts';
import type { Timeline } from './timeline.ts';
import type { ComparePoint, SidePoint } from './compareTypes.ts';

const traceView = (t: Timeline): TraceView => ({
  count: t.count,
  at: (i) => {
    const w = t.waypoint(i);
    return { action: w.action, fn: w.fn, text: w.text };
  },
});

function point(t: Timeline, action: number): { side: SidePoint; state: StateView } {
  const spans = t.summary({ hash: false }).actions;
  const span = spans.find((s) => s.i === action) ?? spans[0];
  const frame = t.seek(span.last);
  const state = stateOfWorld(frame.world);
  return {
    side: {
      index: frame.index,
      action: span.i,
      op: span.op,
      status: span.result?.status ?? null,
      fn: frame.waypoint.fn,
      text: frame.waypoint.text,
      pages: state.pages,
    },
    state,
  };
}

export interface Comparison {
  steps: AlignedStep[];
  parting(): Parting | null;
  at(k: number): ComparePoint;
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
  return {
    steps,
    parting: () => findParting(traceView(a), traceView(b)),
    at(k) {
      const kk = Math.max(-1, Math.min(steps.length - 1, Math.trunc(k)));
      const l = point(a, finished(kk, 0));
      const r = point(b, finished(kk, 1));
      return { k: kk, left: l.side, right: r.side, diff: diffStates(l.state, r.state) };
    },
  };
}
