// munmap and mprotect seen step by step: what munmap says of the device memory it lets go and
// what its last steps are about, and what mprotect rw gives back (hmm-model.md E, flow J).
import { describe, expect, it } from 'vitest';
import type { Action, ScenarioConfig } from '../../scenario/types.ts';
import { SCENARIO_FORMAT_V2 } from '../../scenario/types.ts';
import { createTimeline } from '../../timeline/timeline.ts';
import type { Waypoint } from '../trace.ts';
import { build, pagesOf, run, valuesOf } from '../selftests/scenario.ts';

/** The steps of the scenario's last action. */
function lastAction(actions: Action[], config: ScenarioConfig): Waypoint[] {
  const tl = createTimeline({ ...build(actions, config), format: SCENARIO_FORMAT_V2 });
  return Array.from({ length: tl.count }, (_, i) => tl.waypoint(i)).filter(
    (w) => w.action === actions.length - 1,
  );
}

describe('munmap', () => {
  it('says "device entries" when coherent and device-private pages go together', () => {
    const steps = lastAction(
      [
        { op: 'mmap', start: 0, count: 2, prot: 'rw' },
        { op: 'cpu_write', start: 0, count: 2, values: [5, 6] },
        { op: 'migrate_to_device', device: 'gpu0', start: 0 },
        { op: 'migrate_to_device', device: 'gpu1', start: 1 },
        { op: 'munmap', start: 0, count: 2 },
      ],
      {
        hostFrames: 4,
        devices: [
          { name: 'gpu0', frames: 4, memory: 'coherent' },
          { name: 'gpu1', frames: 4 },
        ],
      },
    );
    expect(steps.find((w) => w.fn === 'zap_pte_range')?.text).toBe(
      'The CPU PTEs of 2 pages are cleared and the VMA goes away; 2 device entries drop their reference to device memory.',
    );
  });

  // gpu0's fault bound pages 0–1 as one chunk in its VRAM: munmap frees both pages, the second
  // frees the chunk.
  const SVM_CHUNK: Action[] = [
    { op: 'mmap', start: 0, count: 2, prot: 'rw' },
    { op: 'cpu_write', start: 0, count: 2, values: [5, 6] },
    { op: 'dev_read', device: 'gpu0', start: 0, count: 2 },
    { op: 'munmap', start: 0, count: 2 },
  ];
  const release = (memory: 'private' | 'coherent') =>
    lastAction(SVM_CHUNK, {
      hostFrames: 4,
      devices: [{ name: 'gpu0', frames: 4, driver: 'svm', memory }],
    }).find((w) => w.fn === 'xe_svm_devmem_release')?.subject;

  it('an svm chunk freed by munmap is about its device (device-private memory)', () => {
    expect(release('private')).toEqual({ pid: 1, pages: [1, 2], device: 'gpu0', frame: 1 });
  });

  it('an svm chunk freed by munmap is about its device (coherent memory)', () => {
    expect(release('coherent')).toEqual({ pid: 1, pages: [1, 2], device: 'gpu0', frame: 1 });
  });
});

describe('mprotect rw', () => {
  it('leaves a page fork shares write-protected: the next write still copies', () => {
    const r = run(
      [
        { op: 'mmap', start: 0, count: 1, prot: 'rw' },
        { op: 'cpu_write', start: 0, value: 5 },
        { op: 'fork' },
        { op: 'mprotect', start: 0, prot: 'r' },
        { op: 'mprotect', start: 0, prot: 'rw' },
        { op: 'cpu_write', start: 0, value: 7 },
        { op: 'cpu_read', pid: 2, start: 0 },
      ],
      { hostFrames: 4, devices: [{ name: 'gpu0', frames: 4 }] },
      true,
    );
    expect(valuesOf(r, 6)).toEqual([5]);
    // The first touch, then the COW fault of the write after mprotect.
    expect(r.counters.cpuFaults).toBe(2);
    expect(pagesOf(r, 2)).toEqual([
      { page: 0, cpu: 'present', writable: false, location: 'host', value: 5, pinned: false },
    ]);
  });
});
