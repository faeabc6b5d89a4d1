// What crosses the worker boundary. Every call answers with a Reply so that an exception in
// the engine (a bug) reaches the UI as data instead of a rejected promise with a lost stack.
import type { RunReport } from '../engine/result.ts';
import type { VPage } from '../engine/state.ts';
import type { Change, Waypoint } from '../engine/trace.ts';
import type { LinkResult } from '../scenario/link.ts';
import type { RunDigest } from '../scenario/linkDigest.ts';
import type { Action, Scenario } from '../scenario/types.ts';
import type { SwimlaneData } from '../timeline/callSpans.ts';
import type { WhatIfEdit } from '../scenario/whatif.ts';
import type { Frame, TimelineSummary } from '../timeline/types.ts';
import type { Question, QuizPin } from '../timeline/quiz.ts';

export interface PteEvent {
  seq: number;
  after: VPage | null;
}

/** One step from the frame the UI shows: only the changes cross the boundary, not the world. */
export type StepReply =
  | { kind: 'delta'; index: number; waypoint: Waypoint; changes: Change[]; forward: boolean }
  | { kind: 'frame'; frame: Frame };

export type Reply<T> = { ok: true; value: T } | { ok: false; error: string };

/** A scenario validated and run: what load answers. */
export interface Loaded {
  scenario: Scenario;
  summary: TimelineSummary;
}

export interface TimelineApi {
  /** Validate and run a scenario; replaces the current timeline. */
  /** `step`: also answer with that step's frame, the first one shown (one message, not two). */
  load(input: unknown, step?: number): Reply<Loaded & { frame?: Frame }>;
  /** The whole run's summary once every action has run. The run of the page's own link may
   *  still be going when load answers (summary.complete false): its rest follows here.
   *  `actions` (the scenario's) only sets the call's deadline. */
  completed(actions: number): Promise<Reply<TimelineSummary>>;
  seek(index: number): Reply<Frame>;
  /** From the shown index to a neighbour as a delta; any other move as a whole frame. */
  stepTo(from: number, to: number): Reply<StepReply>;
  append(action: Action): Reply<TimelineSummary>;
  /** The run's traceHash, computed in slices after load so steps can be shown meanwhile;
   *  `count` (the run's waypoints) only sets the call's deadline. */
  traceHash(count: number): Promise<Reply<string>>;
  report(): Reply<RunReport>;
  /** Share links are decoded here: the codec and the schema stay out of the first paint. */
  decodeLink(hash: string): LinkResult;
  /** The digest of the current run that share links carry (&h=…&ha=…). */
  digest(): Reply<RunDigest>;
  /** The current scenario as a #v1 link at a step, with its run's digest. */
  encodeLink(step: number): Reply<string>;
  /** Predict mode: the run's questions, answers read from the engine (timeline/quiz.ts). */
  quiz(pins: QuizPin[]): Reply<Question[]>;
  /** `&whatif=…` for a branch (the lz codec lives here, not in the first paint). */
  whatifParam(edit: WhatIfEdit): string;
  /** Every waypoint that changed one page's CPU entry: its life across the run. */
  lifecycle(pid: number, page: number): Reply<PteEvent[]>;
  /** The run's calls as spans per layer (the swim-lane), built once per timeline. */
  swimlane(): Reply<SwimlaneData>;
  /** What a swim-lane hover shows of waypoint seq. */
  describe(seq: number): Reply<{ fn: string; text: string; path: string[] }>;
}
