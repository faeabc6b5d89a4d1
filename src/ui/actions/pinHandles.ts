// The pin handles a run still holds, and the pages each was taken on: what "unpin" on a
// selection releases (hmm-model-v2.md N; a pin belongs to frames, the handle names them).
import type { ActionResult } from '../../engine/result.ts';
import type { Action } from '../../scenario/types.ts';
import type { Run } from './registry.ts';

export interface PinHandle {
  handle: number;
  pid: number;
  /** The pages pin_user_pages returned: [start, start + pinned). */
  start: number;
  pinned: number;
}

/** Handles returned by `pin` actions and not yet released by an `unpin` that succeeded. */
export function liveHandles(
  actions: readonly Action[],
  results: readonly (ActionResult | undefined)[],
): PinHandle[] {
  const live = new Map<number, PinHandle>();
  actions.forEach((a, i) => {
    const r = results[i];
    if (a.op === 'pin' && r?.pin !== undefined && r.pinned)
      live.set(r.pin, { handle: r.pin, pid: a.pid ?? 1, start: a.start, pinned: r.pinned });
    else if (a.op === 'unpin' && r?.status === 'ok') live.delete(a.pin);
  });
  return [...live.values()];
}

/** The live handles taken on any selected page, in handle order. */
export function handlesOn(handles: readonly PinHandle[], runs: readonly Run[]): number[] {
  return handles
    .filter((h) =>
      runs.some(
        (r) => r.pid === h.pid && r.start < h.start + h.pinned && h.start < r.start + r.count,
      ),
    )
    .map((h) => h.handle);
}
