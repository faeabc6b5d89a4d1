import type { StateCreator } from 'zustand';
import { lastStep } from './lastStep.ts';
import type { LabState, PlaybackSlice } from './types.ts';

export const SPEEDS = [0.25, 0.5, 1, 2, 4] as const;

export const createPlaybackSlice: StateCreator<LabState, [], [], PlaybackSlice> = (set, get) => ({
  playing: false,
  speed: 1,
  playUntil: null,
  play(until = null) {
    const { frame, summary } = get();
    if (!frame || !summary) return;
    // Playing from the end starts again from the beginning, like a media player.
    if (frame.index >= lastStep(summary) && until === null) void get().seek(0, 'jump');
    set({ playing: true, playUntil: until });
  },
  pause() {
    // Stepping pauses first: when nothing plays, an update would only run every selector again.
    if (get().playing || get().playUntil !== null) set({ playing: false, playUntil: null });
  },
  togglePlay() {
    if (get().playing) get().pause();
    else get().play();
  },
  setSpeed: (speed) => set({ speed }),
});
