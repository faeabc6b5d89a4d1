// What crosses the compare worker's boundary: two runs stepped together, and their diff.
import type { PageReport, Status } from '../engine/result.ts';
import type { Scenario } from '../scenario/types.ts';
import type { AlignedStep } from '../scenario/whatif.ts';
import type { Parting, StateDiff } from '../timeline/diff.ts';
import type { TimelineSummary } from '../timeline/types.ts';
import type { Reply } from './protocol.ts';

export interface CompareRun {
  scenario: Scenario;
  summary: TimelineSummary;
}

export interface CompareOpened {
  left: CompareRun;
  right: CompareRun;
  /** Compare steps: the action each side has finished at that step (null: it waits). */
  steps: AlignedStep[];
  /** The first waypoint where the runs part, or null when they never do. */
  parting: Parting | null;
}

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

export interface CompareApi {
  /** Validate and run both scenarios; steps default to action i against action i. */
  open(left: unknown, right: unknown, steps?: AlignedStep[] | null): Reply<CompareOpened>;
  at(k: number): Reply<ComparePoint>;
}
