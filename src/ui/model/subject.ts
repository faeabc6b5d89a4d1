// Which page or device a waypoint is about when its change list does not say (a fault
// waypoint changes only a counter). Read from the engine's sentence: "page 3", "gpu0".
import type { Waypoint } from '../../engine/trace.ts';

export function subjectPage(wp: Waypoint): number | null {
  const m = /\bpage (\d+)\b/.exec(wp.text);
  return m ? Number(m[1]) : null;
}

export function subjectDevice(wp: Waypoint, names: readonly string[]): number {
  let best = -1;
  let at = Infinity;
  names.forEach((n, i) => {
    const k = wp.text.indexOf(n);
    if (k >= 0 && k < at) {
      at = k;
      best = i;
    }
  });
  return best;
}
