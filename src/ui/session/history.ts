// A bounded undo/redo history of scenarios. Pure: the slice and the recorder call these.
import type { Scenario } from '../../scenario/types.ts';
import type { WhatIfEdit } from '../../scenario/whatif.ts';

export interface HistoryEntry {
  scenario: Scenario;
  presetId: string | null;
  step: number;
  /** A What if… branch open beside it (undo closes or reopens the compare view). */
  whatif?: WhatIfEdit | null;
}

export interface History {
  past: HistoryEntry[];
  future: HistoryEntry[];
}

export const HISTORY_LIMIT = 50;
/** Entries share unchanged actions but each holds its own array: bound the total too. */
export const HISTORY_ACTIONS_LIMIT = 2_000_000;

export const emptyHistory = (): History => ({ past: [], future: [] });

/** A new scenario replaced `before`: remember it, forget the redo branch, drop the oldest. */
export function record(
  h: History,
  before: HistoryEntry,
  limit = HISTORY_LIMIT,
  actionsLimit = HISTORY_ACTIONS_LIMIT,
): History {
  const past = [...h.past, before].slice(-limit);
  let total = past.reduce((n, e) => n + e.scenario.actions.length, 0);
  while (past.length > 1 && total > actionsLimit) total -= past.shift()!.scenario.actions.length;
  return { past, future: [] };
}

/** Step back: the entry to load, and the history once it is loaded (current goes to future). */
export function undo(h: History, current: HistoryEntry): { to: HistoryEntry; h: History } | null {
  const to = h.past.at(-1);
  if (!to) return null;
  return { to, h: { past: h.past.slice(0, -1), future: [current, ...h.future] } };
}

export function redo(h: History, current: HistoryEntry): { to: HistoryEntry; h: History } | null {
  const to = h.future[0];
  if (!to) return null;
  return { to, h: { past: [...h.past, current], future: h.future.slice(1) } };
}
