// A frame's zone_device_data string keeps its id while it stays the frame's: a page locked,
// unlocked and put many times takes one id, not one per record (the table would grow per step).
import { describe, expect, it } from 'vitest';
import { ZddTable } from './zddTable.ts';

describe('ZddTable', () => {
  it("keeps a frame's id while its string stays, and takes a new one when it changes", () => {
    const t = new ZddTable();
    const a = t.id('dmirror(gpu0) pid 1 page 0', 0, 0);
    expect(t.id('dmirror(gpu0) pid 1 page 0', 0, 0)).toBe(a);
    const b = t.id('dmirror(gpu0) pid 1 page 4', 0, 0);
    expect(b).not.toBe(a);
    expect(t.id('dmirror(gpu0) pid 1 page 4', 0, 0)).toBe(b);
    // Another frame, or the same frame of another device, has its own entry.
    const c = t.id('dmirror(gpu0) pid 1 page 4', 0, 1);
    const d = t.id('dmirror(gpu1) pid 1 page 4', 1, 0);
    expect(new Set([a, b, c, d]).size).toBe(4);
    expect([a, b, c, d].map((id) => t.at(id))).toEqual([
      'dmirror(gpu0) pid 1 page 0',
      'dmirror(gpu0) pid 1 page 4',
      'dmirror(gpu0) pid 1 page 4',
      'dmirror(gpu1) pid 1 page 4',
    ]);
    expect(t.at(0)).toBeNull();
  });
});
