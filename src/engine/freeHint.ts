// Lowest-free-frame hints: no frame below the hint is free, so allocation scans from it and
// every free lowers it. Derived data, so it lives beside the frame arrays, not in the world;
// whoever changes frames behind the engine's back (a rollback) must forget the hints.
import type { World } from './state.ts';

const hints = new WeakMap<readonly { ref: number }[], number>();

export function lowestFree(frames: readonly { ref: number }[]): number {
  for (let f = hints.get(frames) ?? 0; f < frames.length; f++)
    if (frames[f].ref === 0) {
      hints.set(frames, f);
      return f;
    }
  hints.set(frames, frames.length);
  return -1;
}

export function freedFrame(frames: readonly { ref: number }[], f: number): void {
  hints.set(frames, Math.min(f, hints.get(frames) ?? 0));
}

export function forgetFreeHints(w: World): void {
  hints.delete(w.hostFrames);
  for (const d of w.devices) hints.delete(d.frames);
}
