// UI-side handle on the timeline worker. Only the UI imports this (Worker is undefined in Node).
// Calls go through a supervisor: a worker that hangs (> 5 s) or dies is replaced by a new one.
import { LIMITS } from '../scenario/types.ts';
import { supervise } from './supervise.ts';
import type { Reply, TimelineApi } from './protocol.ts';

type Remote = {
  [K in keyof TimelineApi]: (
    ...a: Parameters<TimelineApi[K]>
  ) => Promise<ReturnType<TimelineApi[K]>>;
};

const actionCount = (input: unknown) => {
  const actions = (input as { actions?: unknown } | null)?.actions;
  return Array.isArray(actions) ? actions.length : 0;
};

/** The first worker, named after the address's link, starts running it at once (see openAtBoot there): the
 *  run overlaps the page's own start instead of following it. The built page has started it
 *  already, before this code loaded (public/boot.js). Later workers are rebuilt. */
let booting = true;
const spawn = () => {
  const first = booting;
  booting = false;
  const early = (window as { hmmLabBootWorker?: Worker }).hmmLabBootWorker;
  if (first && early) return early;
  const name = first && window.location.hash.length > 1 ? window.location.hash : '';
  return new Worker(new URL('./timeline.worker.ts', import.meta.url), { type: 'module', name });
};

export const workerSupervisor = supervise(spawn, {
  timeoutMs: 5000,
  // Running a long scenario from scratch is real work, not a hang: 2 ms per action more
  // (50,000 actions take about 28 s on a busy CI machine).
  extraMs: (method, args) =>
    method === 'load'
      ? Math.min(240_000, 2 * actionCount(args[0]))
      : // The rest of a link's run (load answered with its first steps): as long as a load.
        method === 'completed'
        ? Math.min(240_000, 2 * Number(args[0] ?? 0))
        : // The first decode may wait for the boot run's first steps (a load's allowance).
          method === 'decodeLink'
          ? 2 * LIMITS.actionsInLink
          : // Hashing a 131k-waypoint run takes 1–3 s here; 0.1 ms a waypoint leaves room.
            method === 'traceHash'
            ? Math.min(240_000, 0.1 * Number(args[0] ?? 0))
            : 0,
});
export const timelineWorker = workerSupervisor.api as unknown as Remote;

/** Unwrap a reply or throw an Error carrying the worker's message (a bug, shown as such). */
export function unwrap<T>(r: Reply<T>): T {
  if (!r.ok) throw new Error(r.error);
  return r.value;
}
