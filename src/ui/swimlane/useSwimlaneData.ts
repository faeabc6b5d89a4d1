import { useEffect, useState } from 'react';
import type { SwimlaneData } from '../../timeline/callSpans.ts';
import type { TimelineSummary } from '../../timeline/types.ts';
import { timelineWorker } from '../../worker/client.ts';

/**
 * The swim-lane of the loaded run. Asked for a moment after a run is shown: on a 131k-waypoint
 * run the worker spends about a second on it, and the first steps should not wait for that.
 */
export function useSwimlaneData(summary: TimelineSummary | null) {
  const [state, setState] = useState<{ of: TimelineSummary | null; data: SwimlaneData | null }>({
    of: null,
    data: null,
  });
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    // A run still going has no lanes yet (asking would make the worker finish it at once).
    if (!summary?.complete) return;
    let live = true;
    const t = setTimeout(() => {
      void timelineWorker.swimlane().then(
        (r) => {
          if (!live) return;
          if (r.ok) setState({ of: summary, data: r.value });
          else setError(r.error);
        },
        (e: unknown) => live && setError(String(e)),
      );
    }, 120);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [summary]);
  // The previous run's lanes stay up until the new ones arrive, unless the length changed.
  const data = state.data && summary && state.data.count === summary.count ? state.data : null;
  return { data, error, fresh: state.of === summary };
}

const described = new Map<number, { fn: string; text: string }>();
let describedOf: SwimlaneData | null = null;

/** fn and sentence of waypoint seq, for a hover (cached per run). */
export async function describe(d: SwimlaneData, seq: number) {
  if (describedOf !== d) {
    described.clear();
    describedOf = d;
  }
  const hit = described.get(seq);
  if (hit) return hit;
  const r = await timelineWorker.describe(seq);
  if (!r.ok) return null;
  described.set(seq, r.value);
  return r.value;
}
