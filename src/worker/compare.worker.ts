// A worker holding two timelines for a side-by-side comparison (What if…, compare drivers).
// Loaded only when a comparison opens, so the lab's own worker and first paint stay as they were.
import * as Comlink from 'comlink';
import { parseScenario } from '../scenario/schema.ts';
import { createComparison, type Comparison } from '../timeline/compare.ts';
import { createTimeline, type Timeline } from '../timeline/timeline.ts';
import { buildCheckpointsInBackground } from './buildInBackground.ts';
import { stepAheadInBackground } from './stepAhead.ts';
import type { CompareApi } from './compareProtocol.ts';
import type { Reply } from './protocol.ts';

let cmp: Comparison | null = null;

function guard<T>(fn: () => T): Reply<T> {
  try {
    return { ok: true, value: fn() };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

/** Both runs' seek checkpoints, as the lab's own worker builds them (the first steps of a
 *  comparison then do not replay whole runs), then its first steps. */
async function prepareAfter(of: Comparison, runs: Timeline[]): Promise<void> {
  for (const t of runs) await buildCheckpointsInBackground(t, () => cmp === of);
  await stepAheadInBackground(of, () => cmp === of);
}

function load(input: unknown, side: string): Timeline {
  const p = parseScenario(input);
  if (!p.ok) throw new Error(`the ${side} scenario is invalid: ${p.error}`);
  return createTimeline(p.scenario);
}

const api: CompareApi = {
  open: (left, right, given) =>
    guard(() => {
      const a = load(left, 'left');
      const b = load(right, 'right');
      const opened = createComparison(a, b, given);
      cmp = opened;
      void prepareAfter(opened, [a, b]);
      return {
        left: { scenario: a.scenario, summary: a.summary() },
        right: { scenario: b.scenario, summary: b.summary() },
        steps: cmp.steps,
        parting: cmp.parting(),
      };
    }),
  at: (k, list) =>
    guard(() => {
      if (!cmp) throw new Error('no comparison open');
      return cmp.at(k, list);
    }),
};

Comlink.expose(api);
