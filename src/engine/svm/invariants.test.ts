// The svm invariants (hmm-model-v2.md 1, 3, 4 and 8) must fire on a world that breaks them,
// saying where, and stay quiet on one the engine made.
import { describe, expect, it } from 'vitest';
import { SCENARIO_FORMAT_V2 } from '../../scenario/types.ts';
import { createTimeline } from '../../timeline/timeline.ts';
import { checkInvariants } from '../invariants.ts';
import { cloneWorld, ptKey, type World } from '../state.ts';
import { devFrameKey, rangeKey } from './state.ts';

// xe0's fault at page 0 made range pid 1 pages 0–3, bound, backed by chunk 1 (frames 0–3).
function world(): World {
  const tl = createTimeline({
    format: SCENARIO_FORMAT_V2,
    config: {
      hostFrames: 8,
      devices: [{ name: 'xe0', frames: 8, driver: 'svm', chunk: 4 }],
    },
    actions: [
      { op: 'mmap', start: 0, count: 8, prot: 'rw' },
      { op: 'cpu_write', start: 0, count: 4, values: [1, 2, 3, 4] },
      { op: 'dev_read', device: 'xe0', start: 0 },
    ],
  });
  return cloneWorld(tl.seek(tl.summary().count - 1).world);
}

const RANGE = rangeKey(0, 1, 0);
// A range's stored value: its page count times 4, plus these flags.
const BOUND = 2;
const UNMAPPED = 1;

describe('the svm invariants', () => {
  it('find nothing wrong with a world the engine made', () => {
    const w = world();
    expect(w.svmRanges[RANGE]).toBe(4 * 4 + BOUND);
    expect(w.svmHeld[1]).toBe(4);
    expect(checkInvariants(w)).toEqual([]);
  });

  it.each<[string, (w: World) => void, number, string]>([
    [
      'a range mapped in part',
      (w) => delete w.devices[0].pt[ptKey(1, 1)],
      3,
      'xe0 range pid 1 pages 0–3 has 3 of its 4 pages mapped: not the whole range',
    ],
    [
      'a bound range with no page mapped',
      (w) => {
        for (let p = 0; p < 4; p++) delete w.devices[0].pt[ptKey(1, p)];
      },
      3,
      'xe0 range pid 1 pages 0–3 is bound but 0 pages are mapped',
    ],
    [
      'a range mapped whole but not bound',
      (w) => (w.svmRanges[RANGE] = 4 * 4),
      3,
      'xe0 range pid 1 pages 0–3 is not bound but 4 pages are mapped',
    ],
    [
      'a range still marked unmapped between actions',
      (w) => (w.svmRanges[RANGE] = 4 * 4 + BOUND + UNMAPPED),
      4,
      'xe0 range pid 1 pages 0–3 is still marked unmapped: the garbage collector did not run',
    ],
    [
      'a GPU PTE outside any bound range',
      (w) => (w.devices[0].pt[ptKey(1, 5)] = w.devices[0].pt[ptKey(1, 0)]),
      3,
      'xe0 maps pid 1 page 5 outside any bound range',
    ],
    [
      'a frame holding a page that no live chunk owns',
      (w) => (w.devices[0].frames[6] = { ...w.devices[0].frames[0] }),
      1,
      'xe0 frame 6 holds a page but belongs to no live chunk',
    ],
    [
      'a chunk owning fewer frames than its pages',
      (w) => delete w.svmChunkOf[devFrameKey(0, 3)],
      8,
      'xe0 chunk 1 owns 3 frames for 4 pages',
    ],
    [
      'a live chunk holding no page',
      (w) => {
        for (let f = 0; f < 4; f++) w.devices[0].frames[f] = { ...w.devices[0].frames[f], ref: 0 };
      },
      8,
      'xe0 chunk 1 is live but holds no page',
    ],
    [
      'a chunk whose count of pages held is wrong',
      (w) => (w.svmHeld[1] = 3),
      8,
      'xe0 chunk 1 counts 3 pages but holds 4',
    ],
  ])('catch %s', (_what, edit, invariant, message) => {
    const w = world();
    edit(w);
    const found = checkInvariants(w);
    expect(found.filter((f) => f.invariant === invariant).map((f) => f.message)).toContain(message);
  });
});
