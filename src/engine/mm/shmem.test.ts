// MAP_SHARED|MAP_ANONYMOUS memory is a shmem object of its own for each mmap: a process that
// maps a new one does not see another object's page cache, even at the same addresses.
import { describe, expect, it } from 'vitest';
import { run, valuesOf } from '../selftests/scenario.ts';

describe('shmem objects', () => {
  it("a child's new shared mmap over the inherited one is a fresh object", () => {
    const r = run(
      [
        { op: 'mmap', start: 0, count: 1, prot: 'rw', shared: true },
        { op: 'cpu_write', start: 0, value: 5 },
        { op: 'fork' },
        // MAP_FIXED: the child's old mapping goes, a new object takes its place.
        { op: 'mmap', pid: 2, start: 0, count: 1, prot: 'rw', shared: true },
        { op: 'cpu_read', pid: 2, start: 0 },
        { op: 'cpu_write', pid: 2, start: 0, value: 7 },
        { op: 'cpu_read', start: 0 },
      ],
      { hostFrames: 4, devices: [{ name: 'gpu0', frames: 4 }] },
      true,
    );
    expect(valuesOf(r, 4)).toEqual([0]);
    expect(valuesOf(r, 6)).toEqual([5]);
  });
});
