// UI-side handle on the timeline worker. Only the UI imports this (Worker is undefined in Node).
import * as Comlink from 'comlink';
import type { Reply, TimelineApi } from './protocol.ts';

type Remote = {
  [K in keyof TimelineApi]: (
    ...a: Parameters<TimelineApi[K]>
  ) => Promise<ReturnType<TimelineApi[K]>>;
};

const worker = new Worker(new URL('./timeline.worker.ts', import.meta.url), { type: 'module' });
export const timelineWorker = Comlink.wrap<TimelineApi>(worker) as unknown as Remote;

/** Unwrap a reply or throw an Error carrying the worker's message (a bug, shown as such). */
export function unwrap<T>(r: Reply<T>): T {
  if (!r.ok) throw new Error(r.error);
  return r.value;
}
