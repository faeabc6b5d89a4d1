// Which svm chunk a waypoint is evicting, and why, read from its call path and subject (the
// engine's structured data, never its sentence): the lab marks that chunk and says the reason.
import type { Waypoint } from '../../engine/trace.ts';

export interface Eviction {
  device: string;
  pid: number;
  /** The pages this waypoint is about: the chunk's range, or a page of it (a notifier call). */
  start: number;
  count: number;
  /** The reason shown on the stage, in the words of the issue. */
  reason: string;
}

/** The eviction the waypoint is part of (flow Q), or null. */
export function evictionOf(wp: Waypoint | undefined): Eviction | null {
  if (!wp || !wp.path.includes('ttm_bo_evict')) return null;
  const { device, pages, pid } = wp.subject;
  if (device === undefined || !pages) return null;
  const reason = wp.path.includes('xe_bo_evict_all')
    ? 'release: every chunk goes home, oldest first'
    : 'VRAM full: the oldest chunk goes';
  return { device, pid: pid ?? 1, start: pages[0], count: pages[1] - pages[0], reason };
}
