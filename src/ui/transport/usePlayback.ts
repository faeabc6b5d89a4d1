import { useEffect } from 'react';
import { lastStep } from '../store/lastStep.ts';
import { useLab } from '../store/store.ts';

/** Base time per waypoint at 1×; the animation layer fits its travel inside it. */
export const STEP_MS = 900;

/** While playing, advance one waypoint per tick; stop at the end or at playUntil. */
export function usePlayback() {
  const playing = useLab((s) => s.playing);
  const index = useLab((s) => s.frame?.index ?? 0);
  const speed = useLab((s) => s.speed);
  useEffect(() => {
    if (!playing) return;
    const s = useLab.getState();
    const last = Math.min(s.playUntil ?? Infinity, Math.max(0, lastStep(s.summary)));
    if (index >= last) {
      s.pause();
      return;
    }
    const t = window.setTimeout(
      () => void useLab.getState().seek(index + 1, 'forward'),
      STEP_MS / speed,
    );
    return () => window.clearTimeout(t);
  }, [playing, index, speed]);
}
