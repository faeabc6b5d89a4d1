// What an unused device frame is, by driver: dmirror keeps its own free list
// (dmirror_page_alloc); an svm GPU has none — TTM owns VRAM, and a frame is free iff it belongs
// to no live chunk (hmm-model-v2.md "svm state"), or it is a chunk's frame with no page yet.
import type { World } from '../../engine/state.ts';
import { devFrameKey } from '../../engine/svm/state.ts';

export function idleFrameText(w: World, dev: number, frame: number): string {
  if (w.devices[dev]?.driver !== 'svm') return 'on the free list';
  const chunk = w.svmChunkOf[devFrameKey(dev, frame)];
  return chunk === undefined ? 'free VRAM (in no live chunk)' : `in chunk ${chunk}, no page in it`;
}
