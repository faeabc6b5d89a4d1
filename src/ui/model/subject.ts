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

/**
 * The devices a waypoint acts on, the one its sentence names first, then the others its
 * changes touch (frames, page-table entries, notifier sequence) in the order they change.
 * A step that changes no device is about the one its sentence names, if any.
 */
export function actingDevices(wp: Waypoint, names: readonly string[]): number[] {
  const touched: number[] = [];
  for (const c of wp.changes)
    if ((c.k === 'dpage' || c.k === 'dpte' || c.k === 'seq') && !touched.includes(c.dev))
      touched.push(c.dev);
  const named = subjectDevice(wp, names);
  if (named < 0) return touched;
  if (touched.length === 0 || touched.includes(named))
    return [named, ...touched.filter((d) => d !== named)];
  return touched;
}
