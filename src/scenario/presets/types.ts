// A preset is a lesson: a scenario plus a guided walkthrough of what to watch and why.
import type { Scenario } from '../types.ts';

/** The course's topics, in teaching order; the lesson picker groups lessons under them. */
export const TOPICS = [
  'Register',
  'Migrate',
  'Fault back',
  'Mirror',
  'Invalidate',
  'Exclusive',
  'Fork',
  'Multi-GPU',
  'Coherent memory',
  'Pinning',
  'svm driver',
] as const;

export type Topic = (typeof TOPICS)[number];

export interface PresetNote {
  /** Action index the note belongs to. */
  action: number;
  /** Optional kernel function: the note attaches to the first waypoint of that action with this fn. */
  fn?: string;
  text: string;
  /** A question the lesson pins before this action (Predict mode): its kind and why it
   *  matters. The answer is still read from the engine. */
  quiz?: { kind: 'where' | 'read' | 'migrated' | 'status' | 'seq'; why: string };
}

export interface Preset {
  id: string;
  title: string;
  /** The course topic this lesson belongs to (one of TOPICS). */
  topic: Topic;
  /** A short title for the lesson picker (the full title stays the scenario's). */
  short: string;
  description: string;
  scenario: Scenario;
  notes: PresetNote[];
}
