import type { StateCreator } from 'zustand';
import type { InspectSlice, LabState } from './types.ts';

export const createInspectSlice: StateCreator<LabState, [], [], InspectSlice> = (set) => ({
  inspect: null,
  setInspect: (inspect) => set({ inspect }),
});
