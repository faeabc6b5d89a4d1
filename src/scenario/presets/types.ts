// A preset is a lesson: a scenario plus a guided walkthrough of what to watch and why.
import type { Scenario } from '../types.ts';

export type PresetGroup = 'first steps' | 'core' | 'advanced';

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
  group: PresetGroup;
  description: string;
  scenario: Scenario;
  notes: PresetNote[];
}
