// The views of svm state the lab reads: chunks with their frames, in LRU order.
import { describe, expect, it } from 'vitest';
import { createCtx, emptyWorld, registerDevices, step } from '../index.ts';
import type { Action } from '../../scenario/types.ts';
import { XE } from '../selftests/svm.ts';
import { chunksWithFrames, lruOf } from './state.ts';

function worldAfter(actions: Action[]) {
  const ctx = createCtx(emptyWorld(XE), () => {});
  registerDevices(ctx);
  actions.forEach((a, i) => {
    ctx.action = i;
    step(ctx, a, i);
  });
  return ctx.w;
}

const read = (start: number, count = 1): Action => ({
  op: 'dev_read',
  device: 'xe0',
  start,
  count,
});

describe('chunksWithFrames', () => {
  it('lists each live chunk once, head of the LRU first, with the frames it owns', () => {
    const w = worldAfter([
      { op: 'mmap', start: 0, count: 12, prot: 'rw' },
      read(0),
      read(4),
      read(8),
    ]);
    const got = chunksWithFrames(w, 0);
    expect(got.map((c) => c.chunk)).toEqual(lruOf(w, 0));
    // Pages 0–3 were evicted for pages 8–11, which took the frames they freed.
    expect(got.map((c) => [c.chunk.start, c.frames])).toEqual([
      [4, [4, 5, 6, 7]],
      [8, [0, 1, 2, 3]],
    ]);
  });

  it('is empty for a device that holds no chunk', () => {
    expect(chunksWithFrames(worldAfter([]), 0)).toEqual([]);
  });
});
