// A compare step's shape (timeline/compare.ts makes it; the compare worker sends it).
import type { PageReport, Status } from '../engine/result.ts';
import type { StateDiff } from './diff.ts';

/** One side at a compare step: the waypoint it shows and its pages there. */
export interface SidePoint {
  /** Waypoint index (what that side's step-index shows). */
  index: number;
  /** The action finished at this point (-1: only the devices registered). */
  action: number;
  op: string;
  status: Status | null;
  fn: string;
  text: string;
  pages: PageReport[];
  /** Set when `pages` lists only some (a big run, see Comparison.at's `list`): how many. */
  pageCount?: number;
}

/** Past this many pages a side lists only the pages that differ, this many at first (the
 *  compare view says so and offers more). */
export const ALL_PAGES_UP_TO = 512;

/** What a compare step sends of a big run: past `upTo` pages a side lists only the first
 *  `differ` pages that differ (the view could not show more; the message stays small). */
export interface CompareList {
  upTo: number;
  differ: number;
}

export interface ComparePoint {
  /** -1: before the first action; else an index into CompareOpened.steps. */
  k: number;
  left: SidePoint;
  right: SidePoint;
  /** diff.differ counts the pages that differ; a big run's diff.pages lists only some. */
  diff: StateDiff;
}
