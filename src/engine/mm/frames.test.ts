// Pins are not sharers: a pinned anonymous page stays exclusive to the process mapping it
// (PageAnonExclusive), so nothing that asks "who else maps this frame?" counts the pin.
import { describe, expect, it } from 'vitest';
import { pagesOf, run } from '../selftests/scenario.ts';

describe('a pinned page this process alone maps', () => {
  it('gets its write bit back from mprotect rw at once, and a store then takes no fault', () => {
    const r = run(
      [
        { op: 'mmap', start: 0, count: 1, prot: 'rw' },
        { op: 'cpu_write', start: 0, value: 5 },
        { op: 'pin', start: 0 },
        { op: 'mprotect', start: 0, prot: 'r' },
        { op: 'mprotect', start: 0, prot: 'rw' },
        { op: 'cpu_write', start: 0, value: 6 },
      ],
      { hostFrames: 4, devices: [{ name: 'gpu0', frames: 4 }] },
      true,
    );
    // The store lands in the pinned frame: no COW copy took the page away from the pin.
    expect(pagesOf(r)).toEqual([
      { page: 0, cpu: 'present', writable: true, location: 'host', value: 6, pinned: true },
    ]);
    // The first touch only.
    expect(r.counters.cpuFaults).toBe(1);
  });
});
