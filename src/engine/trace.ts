// Waypoints: one per step a student should see. `changes` is the complete list of what the
// step did to the world, so applying them in order replays the run (and reversing them
// rewinds it) without re-running the kernel logic.
import type { Layer } from './layers.ts';
import type { CounterName, DevPage, DevPte, HostPage, Keyed, VPage } from './state.ts';

/**
 * What a waypoint is about; keys only where they apply. `pages` is [start, end) of `pid`;
 * `frame` is a frame of `device`'s memory.
 */
export interface Subject {
  pid?: number;
  pages?: [number, number];
  device?: string;
  frame?: number;
}

export type Change =
  | { k: 'pte'; pid: number; page: number; before: VPage | null; after: VPage | null }
  | { k: 'host'; frame: number; before: HostPage; after: HostPage }
  | { k: 'dpage'; dev: number; frame: number; before: DevPage | null; after: DevPage | null }
  | { k: 'dpte'; dev: number; key: number; before: DevPte | null; after: DevPte | null }
  | { k: 'seq'; dev: number; before: number; after: number }
  | { k: 'ctr'; name: CounterName; by: number }
  | { k: 'flag'; dev: number; before: boolean; after: boolean }
  | { k: 'proc'; pid: number; add: boolean }
  | { k: Keyed; key: number; before: number | undefined; after: number | undefined };

export interface Waypoint {
  seq: number;
  /** Index of the scenario action; -1 for device registration (flow A). */
  action: number;
  /** The kernel (or dmirror driver) function this step models. */
  fn: string;
  /** One plain sentence a student understands. */
  text: string;
  /** Where fn runs: `cpu`, core `mm`, `hmm`, or `driver:<device name>`. */
  layer: Layer;
  subject: Subject;
  /** Length of the call path (0 at an action's top level). */
  depth: number;
  /** The seq of the first waypoint of the innermost span enclosing this one, or -1. */
  parent: number;
  /** Call path from the entry point down to fn, e.g. handle_mm_fault › do_swap_page. */
  path: string[];
  changes: Change[];
}
