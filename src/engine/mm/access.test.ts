// What a CPU load or store is about: a page in a device's coherent memory is read or written
// across the bus, so its step names that device and frame (hmm-model-v2.md L); the next page,
// in host memory, is about no device.
import { describe, expect, it } from 'vitest';
import type { Action } from '../../scenario/types.ts';
import { SCENARIO_FORMAT_V2 } from '../../scenario/types.ts';
import { createTimeline } from '../../timeline/timeline.ts';
import type { Subject } from '../trace.ts';
import { build } from '../selftests/scenario.ts';

/** The subjects of the `fn` steps of the last action. */
function subjects(access: Action, fn: string): Subject[] {
  const actions: Action[] = [
    { op: 'mmap', start: 0, count: 2, prot: 'rw' },
    { op: 'cpu_write', start: 0, count: 2, values: [5, 6] },
    // Page 0 alone moves to gpu0's coherent frame 0; page 1 stays in host memory.
    { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 1 },
    access,
  ];
  const config = {
    hostFrames: 8,
    devices: [
      { name: 'gpu0', frames: 4, memory: 'coherent' as const },
      { name: 'gpu1', frames: 4 },
    ],
  };
  const tl = createTimeline({ ...build(actions, config), format: SCENARIO_FORMAT_V2 });
  const out: Subject[] = [];
  for (let i = 0; i < tl.count; i++) {
    const w = tl.waypoint(i);
    if (w.action === 3 && w.fn === fn) out.push(w.subject);
  }
  return out;
}

describe('a CPU access to coherent memory', () => {
  it('a load is about the device frame it reads; the next page, in host memory, is not', () => {
    expect(subjects({ op: 'cpu_read', start: 0, count: 2 }, 'cpu_read')).toEqual([
      { pid: 1, pages: [0, 1], device: 'gpu0', frame: 0 },
      { pid: 1, pages: [1, 2] },
    ]);
  });

  it('a store is about the device frame it writes; the next page, in host memory, is not', () => {
    const stores = subjects({ op: 'cpu_write', start: 0, count: 2, values: [7, 8] }, 'cpu_write');
    expect(stores).toEqual([
      { pid: 1, pages: [0, 1], device: 'gpu0', frame: 0 },
      { pid: 1, pages: [1, 2] },
    ]);
  });
});
