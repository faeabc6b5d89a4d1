// What crosses the compare worker's boundary: two runs stepped together, and their diff.
export type { CompareList, ComparePoint, SidePoint } from '../timeline/compareTypes.ts';
import type { Scenario } from '../scenario/types.ts';
import type { AlignedStep } from '../scenario/whatif.ts';
import type { Parting } from '../timeline/diff.ts';
import type { CompareList, ComparePoint } from '../timeline/compareTypes.ts';
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

export interface CompareApi {
  /** Validate and run both scenarios; steps default to action i against action i. */
  open(left: unknown, right: unknown, steps?: AlignedStep[] | null): Reply<CompareOpened>;
  /** Compare step k; `list` trims a big run's pages to what the view lists. */
  at(k: number, list?: CompareList): Reply<ComparePoint>;
}
