import type { TimelineSummary } from '../../timeline/types.ts';

/** The last waypoint of the run, or Infinity while the run is still going (a link's long run
 *  shows its first steps first): not known yet, and a seek past what has run waits for it. */
export function lastStep(summary: TimelineSummary | null): number {
  if (!summary) return -1;
  return summary.complete ? summary.count - 1 : Infinity;
}
