// A worker holding two timelines for a side-by-side comparison (What if…, compare drivers).
// Loaded only when a comparison opens, so the lab's own worker and first paint stay as they were.
import * as Comlink from 'comlink';
import { parseScenario } from '../scenario/schema.ts';
import type { AlignedStep } from '../scenario/whatif.ts';
import {
  diffStates,
  findParting,
  stateOfWorld,
  type StateView,
  type TraceView,
} from '../timeline/diff.ts';
import { createTimeline, type Timeline } from '../timeline/timeline.ts';
import type { CompareApi, ComparePoint, SidePoint } from './compareProtocol.ts';
import type { Reply } from './protocol.ts';

let runs: [Timeline, Timeline] | null = null;
let steps: AlignedStep[] = [];

function guard<T>(fn: () => T): Reply<T> {
  try {
    return { ok: true, value: fn() };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

function load(input: unknown, side: string): Timeline {
  const p = parseScenario(input);
  if (!p.ok) throw new Error(`the ${side} scenario is invalid: ${p.error}`);
  return createTimeline(p.scenario);
}

const traceView = (t: Timeline): TraceView => ({
  count: t.count,
  at: (i) => {
    const w = t.waypoint(i);
    return { action: w.action, fn: w.fn, text: w.text };
  },
});

/** The action each side has finished after compare step k (-1 before any). */
function finished(k: number, side: 0 | 1): number {
  for (let j = Math.min(k, steps.length - 1); j >= 0; j--) {
    const a = steps[j][side];
    if (a !== null) return a;
  }
  return -1;
}

function point(t: Timeline, action: number): { side: SidePoint; state: StateView } {
  const spans = t.summary().actions;
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

const api: CompareApi = {
  open: (left, right, given) =>
    guard(() => {
      const a = load(left, 'left');
      const b = load(right, 'right');
      const n = Math.max(a.scenario.actions.length, b.scenario.actions.length);
      steps =
        given ??
        Array.from({ length: n }, (_, i): AlignedStep => [
          i < a.scenario.actions.length ? i : null,
          i < b.scenario.actions.length ? i : null,
        ]);
      runs = [a, b];
      return {
        left: { scenario: a.scenario, summary: a.summary() },
        right: { scenario: b.scenario, summary: b.summary() },
        steps,
        parting: findParting(traceView(a), traceView(b)),
      };
    }),
  at: (k) =>
    guard((): ComparePoint => {
      if (!runs) throw new Error('no comparison open');
      const kk = Math.max(-1, Math.min(steps.length - 1, Math.trunc(k)));
      const l = point(runs[0], finished(kk, 0));
      const r = point(runs[1], finished(kk, 1));
      return {
        k: kk,
        left: l.side,
        right: r.side,
        diff: diffStates(l.state, r.state),
      };
    }),
};

Comlink.expose(api);
