// What the timeline offers its users (the worker, the CLI, the bench). Implemented in
// timeline.ts; the worker exposes the same shape through comlink.
import type { ActionResult, Violation } from '../engine/result.ts';
import type { World } from '../engine/state.ts';
import type { Waypoint } from '../engine/trace.ts';
import type { ScenarioConfig } from '../scenario/types.ts';

/** Scrubber marker kinds, derived from each waypoint's fn. */
export type MarkerKind = 'cpu-fault' | 'dev-fault' | 'migration' | 'invalidation' | 'free';

export interface ActionSpan {
  /** Action index; -1 for device registration. */
  i: number;
  op: string;
  /** First and last waypoint index of this action (inclusive). */
  first: number;
  last: number;
  /** Absent for registration. */
  result?: ActionResult;
}

export interface TimelineSummary {
  config: ScenarioConfig;
  /** Number of waypoints (so far, while not complete). */
  count: number;
  /** false while the scenario's run is still going (a link's long run shows its first steps
   *  first): the count, actions and markers are those of the waypoints run so far. */
  complete: boolean;
  /** null when asked for without it: the hash of a long run can follow its first frame. */
  traceHash: string | null;
  actions: ActionSpan[];
  markers: { seq: number; kind: MarkerKind }[];
  violations: Violation[];
}

/** The world as it stands right after waypoint `index` has happened. */
export interface Frame {
  index: number;
  waypoint: Waypoint;
  world: World;
}
