import type { Action, Scenario } from '../../scenario/types.ts';
import type { Frame, TimelineSummary } from '../../timeline/types.ts';

export interface TimelineSlice {
  scenario: Scenario | null;
  /** The preset the scenario came from, while it is unchanged (for #preset/<id> links). */
  presetId: string | null;
  summary: TimelineSummary | null;
  frame: Frame | null;
  /** How we got to the current frame: 'forward' animates, others just highlight. */
  motion: 'forward' | 'back' | 'jump';
  /** A bad link or import: shown in error-banner, the previous scenario stays loaded. */
  banner: string | null;
  /** A bug (exception in the worker): shown as such. */
  fault: string | null;
  busy: boolean;
  load(input: unknown, opts?: { presetId?: string | null; step?: number }): Promise<boolean>;
  seek(index: number, motion?: TimelineSlice['motion']): Promise<void>;
  stepBy(delta: 1 | -1): void;
  stepAction(delta: 1 | -1): void;
  append(actions: Action[]): Promise<void>;
  setBanner(msg: string | null): void;
}

export interface PlaybackSlice {
  playing: boolean;
  speed: number;
  /** Stop playing when reaching this index (after a hand-triggered action). */
  playUntil: number | null;
  play(until?: number | null): void;
  pause(): void;
  togglePlay(): void;
  setSpeed(s: number): void;
}

export interface SelectionSlice {
  /** Selected pages as ptKey (pid*65536+page), sorted. */
  selected: number[];
  anchor: number | null;
  select(key: number, mode: 'only' | 'toggle' | 'range'): void;
  selectRange(a: number, b: number): void;
  clearSelection(): void;
}

export type InspectTarget =
  | { kind: 'page'; pid: number; page: number }
  | { kind: 'host'; frame: number }
  | { kind: 'zero' }
  | { kind: 'dev'; dev: number; frame: number }
  | { kind: 'dpte'; dev: number; key: number };

export interface InspectSlice {
  inspect: InspectTarget | null;
  setInspect(t: InspectTarget | null): void;
}

export type LabState = TimelineSlice & PlaybackSlice & SelectionSlice & InspectSlice;
