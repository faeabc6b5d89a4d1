// One zustand store made of slices; components select the minimum they render.
import { create } from 'zustand';
import { createInspectSlice } from './inspectSlice.ts';
import { createPlaybackSlice } from './playbackSlice.ts';
import { createSelectionSlice } from './selectionSlice.ts';
import { createTimelineSlice } from './timelineSlice.ts';
import type { LabState } from './types.ts';

export const useLab = create<LabState>()((...a) => ({
  ...createTimelineSlice(...a),
  ...createPlaybackSlice(...a),
  ...createSelectionSlice(...a),
  ...createInspectSlice(...a),
}));

export type { LabState, InspectTarget } from './types.ts';
