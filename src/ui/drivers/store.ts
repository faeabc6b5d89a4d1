// Compare drivers, open or not: the device compared and which pair (dmirror ↔ svm, or private
// ↔ coherent memory). Its own small store, apart from the session's.
import { create } from 'zustand';

export type PairId = 'driver' | 'memory';

interface DriverCompare {
  /** The device shown as both variants; null: the view is closed. */
  device: string | null;
  pair: PairId;
  set(p: Partial<Omit<DriverCompare, 'set'>>): void;
}

export const useDriverCompare = create<DriverCompare>()((set) => ({
  device: null,
  pair: 'driver',
  set: (p) => set(p),
}));
