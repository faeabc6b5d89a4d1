// The toolbar's parameters (device, value, prot), shared with the context menu.
import { create } from 'zustand';
import type { Prot } from '../../scenario/types.ts';

interface ToolOptions {
  device: string | null;
  value: number;
  prot: Prot;
  set(p: Partial<Omit<ToolOptions, 'set'>>): void;
}

export const useToolOptions = create<ToolOptions>()((set) => ({
  device: null,
  value: 42,
  prot: 'r',
  set: (p) => set(p),
}));
