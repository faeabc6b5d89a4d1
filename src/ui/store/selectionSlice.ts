import type { StateCreator } from 'zustand';
import type { LabState, SelectionSlice } from './types.ts';

const range = (a: number, b: number) => {
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
};

/** Only pages inside a VMA can be selected, so a range skips holes of the address space. */
function mapped(s: LabState, keys: number[]): number[] {
  const procs = s.frame?.world.procs;
  if (!procs) return [];
  return keys.filter((k) => procs[Math.floor(k / 65536)]?.pages[k % 65536] !== undefined);
}

export const createSelectionSlice: StateCreator<LabState, [], [], SelectionSlice> = (set, get) => ({
  selected: [],
  anchor: null,
  select(key, mode) {
    const { selected, anchor } = get();
    if (
      mode === 'range' &&
      anchor !== null &&
      Math.floor(anchor / 65536) === Math.floor(key / 65536)
    ) {
      set({ selected: mapped(get(), range(anchor, key)) });
    } else if (mode === 'toggle') {
      const next = selected.includes(key) ? selected.filter((k) => k !== key) : [...selected, key];
      set({ selected: next.sort((a, b) => a - b), anchor: key });
    } else {
      set({ selected: [key], anchor: key });
    }
  },
  selectRange(a, b) {
    set({ selected: mapped(get(), range(a, b)), anchor: a });
  },
  clearSelection: () => set({ selected: [], anchor: null }),
});
