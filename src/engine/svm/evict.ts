// VRAM for a new chunk (hmm-model-v2.md P.3a) and eviction under pressure (flow Q): TTM takes
// the lowest free frames; when too few are free it evicts the chunk at the head of the LRU —
// the oldest allocation, whatever process it backs — one at a time until the new one fits.
import {
  aboutDevice,
  aboutPages,
  emit,
  enter,
  leave,
  setFailNextAlloc,
  say,
  type Ctx,
} from '../ctx.ts';
import { pagesText } from '../hmm/notifier.ts';
import type { Said } from '../store/say.ts';
import { addChunk, chunkFrames, freeFrames, lruOf, type SvmChunk, type SvmRange } from './state.ts';
import { chunkToRam } from './toRam.ts';

/** ttm_bo_evict → xe_bo_move → xe_svm_bo_evict → drm_pagemap_evict_to_ram. Pages moved, or -1. */
export function evictChunk(c: Ctx, ch: SvmChunk, why: Said): number {
  const d = c.w.devices[ch.dev];
  const saved = enter(c, 'ttm_bo_evict');
  aboutPages(c, ch.pid, ch.start, ch.start + ch.count);
  aboutDevice(c, ch.dev);
  emit(
    c,
    'ttm_bo_evict',
    say`${why}: chunk ${ch.id} (pid ${ch.pid} ${pagesText(ch.start, ch.start + ch.count)}) goes back to system memory. ttm_bo_evict → xe_bo_move (an SVM BO is evicted to system memory, xe_evict_flags) → xe_svm_bo_evict → drm_pagemap_evict_to_ram (amdgpu: svm_range_evict_svm_bo_worker → svm_migrate_vram_to_ram).`,
  );
  // Stryker disable next-line ArithmeticOperator: the range is only chunkPages' shortcut: a wrong one finds fewer mappings than the chunk holds, and the rmap walk that follows finds them all
  const n = chunkToRam(c, ch, 'evict', ch.pid, ch.start, ch.start + ch.count);
  // Pages the eviction could not move (pinned); none once the chunk went with its last page.
  const held = chunkFrames(c.w, ch).filter((f) => d.frames[f].ref > 0).length;
  if (n < 0)
    emit(
      c,
      'ttm_bo_evict',
      say`The eviction of chunk ${ch.id} failed: ${d.name} cannot free its frames.`,
    );
  else if (held > 0)
    // drm_pagemap_evict_to_ram: the allocation is not detached (a pinned coherent page kept
    // its zdd reference), so after its retries it returns -EBUSY and the chunk stays.
    emit(
      c,
      'ttm_bo_evict',
      say`${held} page${held > 1 ? 's' : ''} of chunk ${ch.id} ${held > 1 ? 'are' : 'is'} pinned and could not move (migrate_vma_check_page refuses the extra reference): the chunk is not detached, so drm_pagemap_evict_to_ram returns -EBUSY and chunk ${ch.id} keeps its frames.`,
    );
  leave(c, saved);
  return n;
}

/** Whether chunk `id` still owns its frames (an eviction that left pinned pages behind). */
const stillLive = (c: Ctx, id: number): boolean => c.w.svmChunks[id] !== undefined;

/**
 * xe_bo_create_locked for the range: the id of a new chunk at the LRU tail, or 0 when VRAM
 * cannot be had (fail_next_alloc, a chunk larger than the device, an eviction that failed).
 */
export function allocChunk(c: Ctx, r: SvmRange): number {
  const dev = r.dev;
  const d = c.w.devices[dev];
  const saved = enter(c, 'xe_bo_create_locked');
  const id = alloc(c, dev, r, d.name);
  leave(c, saved);
  return id;
}

function alloc(c: Ctx, dev: number, r: SvmRange, name: string): number {
  const d = c.w.devices[dev];
  if (d.failNextAlloc) {
    setFailNextAlloc(c, dev, false);
    emit(
      c,
      'xe_bo_create_locked',
      say`The VRAM allocation for ${r.count} page${r.count > 1 ? 's' : ''} fails (fail_next_alloc).`,
    );
    return 0;
  }
  if (r.count > d.size) {
    emit(
      c,
      'xe_bo_create_locked',
      say`${name} has only ${d.size} frame${d.size > 1 ? 's' : ''} of VRAM: a ${r.count}-page chunk can never fit, so TTM fails at once without evicting anything (-E2BIG, "don't trigger eviction for the impossible").`,
    );
    return 0;
  }
  let free = freeFrames(c.w, dev);
  // The LRU oldest first, one chunk at a time, until the new one fits.
  for (const head of lruOf(c.w, dev)) {
    if (free.length >= r.count) break;
    const why = say`VRAM full: ${name} has ${free.length} free frame${free.length === 1 ? '' : 's'} and needs ${r.count}, so the oldest chunk goes`;
    // A failed eviction (no host RAM) moves nothing and a pinned page stays: the chunk lives on.
    evictChunk(c, head, why);
    if (stillLive(c, head.id)) {
      emit(
        c,
        'xe_bo_create_locked',
        say`An eviction failed, so the VRAM allocation fails; chunks already evicted stay evicted.`,
      );
      return 0;
    }
    free = freeFrames(c.w, dev);
  }
  const frames = free.slice(0, r.count);
  const id = addChunk(c, dev, r.pid, r.start, r.count, frames);
  emit(
    c,
    'xe_bo_create_locked',
    say`TTM allocates chunk ${id}: ${name} frame${frames.length > 1 ? 's' : ''} ${frames.join(', ')} for pid ${r.pid} ${pagesText(r.start, r.start + r.count)}. It goes to the tail of the LRU: the newest chunk is the last to be evicted (amdgpu: svm_range_vram_node_new).`,
  );
  return id;
}

/** release on an svm device: every chunk is evicted, oldest first (xe_bo_evict_all). */
export function svmRelease(c: Ctx, dev: number) {
  const saved = enter(c, 'xe_bo_evict_all');
  const d = c.w.devices[dev];
  const lru = lruOf(c.w, dev);
  emit(
    c,
    'xe_bo_evict_all',
    lru.length
      ? say`${d.name} evicts all ${lru.length} chunk${lru.length > 1 ? 's' : ''} of its VRAM, oldest first.`
      : say`${d.name} holds no chunk: nothing to evict.`,
  );
  let cpages = 0;
  let status: 'ok' | 'ENOMEM' = 'ok';
  for (const ch of lru) {
    const n = evictChunk(c, ch, say`${d.name} is releasing its VRAM`);
    if (n < 0) {
      status = 'ENOMEM';
      break;
    }
    cpages += n;
  }
  leave(c, saved);
  return { status, cpages };
}
