// Which page or device a waypoint is about, from the engine's structured subject (never from
// the narration's wording): a fault step changes only a counter, so its page comes from here.
import type { Waypoint } from '../../engine/trace.ts';

/** The page a waypoint is about when its subject is a single page. */
export function subjectPage(wp: Waypoint): number | null {
  const r = wp.subject.pages;
  return r && r[1] - r[0] === 1 ? r[0] : null;
}

/** Index in `names` of the device the waypoint is about, or -1. */
export function subjectDevice(wp: Waypoint, names: readonly string[]): number {
  const d = wp.subject.device;
  return d === undefined ? -1 : names.indexOf(d);
}

/**
 * The devices a waypoint acts on: its subject's device first, then the others its changes
 * touch (frames, page-table entries, notifier sequence) in the order they change. A subject
 * device that none of its device changes touch gives way to them.
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
