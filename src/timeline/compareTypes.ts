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
}

export interface ComparePoint {
  /** -1: before the first action; else an index into CompareOpened.steps. */
  k: number;
  left: SidePoint;
  right: SidePoint;
  diff: StateDiff;
}
