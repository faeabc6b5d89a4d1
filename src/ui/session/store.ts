// The session's own zustand store: scenario history, notices and which dialog is open.
// Kept apart from the lab store so the lab's slices stay about the timeline.
import { create } from 'zustand';
import type { StateCreator } from 'zustand';
import { emptyHistory, type History } from './history.ts';
import type { SavedSession } from './autosave.ts';
import type { WhatIfEdit } from '../../scenario/whatif.ts';

export type Dialog = 'share' | 'editor' | 'whatif' | null;

export interface HistorySlice {
  history: History;
  setHistory(h: History): void;
}

export interface NoticeSlice {
  /** A session saved before the reload, offered back. */
  restoreOffer: (SavedSession & { age: string }) | null;
  /** The worker was restarted: why, shown until dismissed. */
  workerNotice: string | null;
  dialog: Dialog;
  /** `&embed=1`: picture, narration and transport only. */
  embed: boolean;
  /** The What if… branch shown beside the loaded scenario (the compare view), if any. */
  whatif: WhatIfEdit | null;
  /** Predict mode: questions before the steps that teach something. */
  quiz: boolean;
  set(p: Partial<Omit<NoticeSlice, 'set'>>): void;
}

export type SessionState = HistorySlice & NoticeSlice;

const createHistorySlice: StateCreator<SessionState, [], [], HistorySlice> = (set) => ({
  history: emptyHistory(),
  setHistory: (history) => set({ history }),
});

const createNoticeSlice: StateCreator<SessionState, [], [], NoticeSlice> = (set) => ({
  restoreOffer: null,
  workerNotice: null,
  dialog: null,
  embed: false,
  whatif: null,
  quiz: false,
  set: (p) => set(p),
});

export const useSession = create<SessionState>()((...a) => ({
  ...createHistorySlice(...a),
  ...createNoticeSlice(...a),
}));
