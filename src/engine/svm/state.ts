// The svm driver's bookkeeping (hmm-model-v2.md "svm state"), kept in the world's keyed number
// tables so every change is a change row like any other (seek and replay need nothing new):
// - svmRanges: struct drm_gpusvm_range, key rangeKey(dev, pid, start) → count · 4 + flags;
// - svmChunks: one drm_pagemap_devmem allocation (an xe BO), key = its id, ids growing with
//   allocation time, so ascending ids are the TTM LRU order (head = oldest) → packed owner;
// - svmChunkOf: key devFrameKey(dev, frame) → the id of the live chunk the frame belongs to.
// Ranges are aligned blocks of a power-of-two size ≤ the device's chunk, so the range holding a
// page is found by probing one start per size.
import { setKeyed, type Ctx } from '../ctx.ts';
import { ptKey, ptKeyPage, ptKeyPid, type World } from '../state.ts';

const BOUND = 2;
const UNMAPPED = 1;

export interface SvmRange {
  dev: number;
  pid: number;
  start: number;
  count: number;
  /** The GPU maps every page of it (xe_vm_range_rebind) until an invalidation zaps them. */
  bound: boolean;
  /** MMU_NOTIFY_UNMAP reached it: the garbage collector removes it at the end of the action. */
  unmapped: boolean;
}

export interface SvmChunk {
  id: number;
  dev: number;
  pid: number;
  start: number;
  count: number;
}

export const rangeKey = (dev: number, pid: number, start: number): number =>
  ptKey(pid, start) * 4 + dev;
export const devFrameKey = (dev: number, frame: number): number => dev * 8192 + frame;

function unpackRange(key: number, v: number): SvmRange {
  const k = Math.floor(key / 4);
  return {
    dev: key % 4,
    pid: ptKeyPid(k),
    start: ptKeyPage(k),
    count: Math.floor(v / 4),
    bound: (v & BOUND) !== 0,
    unmapped: (v & UNMAPPED) !== 0,
  };
}

/** The range of dev and pid holding `page`, or null. */
export function rangeAt(w: World, dev: number, pid: number, page: number): SvmRange | null {
  for (let s = w.devices[dev].chunk; s >= 1; s >>= 1) {
    const key = rangeKey(dev, pid, page - (page % s));
    // No range there reads as count 0, which is no size.
    const v = w.svmRanges[key] ?? 0;
    if (Math.floor(v / 4) === s) return unpackRange(key, v);
  }
  return null;
}

/**
 * Whether some range of dev and pid overlaps [start, start + size), an aligned block around a
 * page no range holds: only a range starting inside the block can (ranges are aligned blocks
 * too, so a larger one overlapping it would hold the page).
 */
export function rangeOverlaps(w: World, dev: number, pid: number, start: number, size: number) {
  for (let p = start; p < start + size; p++)
    if (w.svmRanges[rangeKey(dev, pid, p)] !== undefined) return true;
  return false;
}

/** The distinct ranges of dev and pid holding a page of [start, end), in address order. */
export function rangesIn(w: World, dev: number, pid: number, start: number, end: number) {
  const out: SvmRange[] = [];
  for (let p = start; p < end;) {
    const r = rangeAt(w, dev, pid, p);
    if (r) {
      out.push(r);
      p = r.start + r.count;
    } else p++;
  }
  return out;
}

/** Every range of dev, in key order (pid, then address). */
export function rangesOf(w: World, dev: number): SvmRange[] {
  const out: SvmRange[] = [];
  for (const k in w.svmRanges) {
    const key = Number(k);
    if (key % 4 === dev) out.push(unpackRange(key, w.svmRanges[key]));
  }
  return out;
}

export function setRange(c: Ctx, r: SvmRange): void {
  const v = r.count * 4 + (r.bound ? BOUND : 0) + (r.unmapped ? UNMAPPED : 0);
  setKeyed(c, 'svmRanges', rangeKey(r.dev, r.pid, r.start), v);
}

export function removeRange(c: Ctx, r: SvmRange): void {
  setKeyed(c, 'svmRanges', rangeKey(r.dev, r.pid, r.start), undefined);
}

export const withBound = (r: SvmRange, bound: boolean): SvmRange => ({
  dev: r.dev,
  pid: r.pid,
  start: r.start,
  count: r.count,
  bound,
  unmapped: r.unmapped,
});

// A chunk's owner packed: (ptKey(pid, start) · 4 + dev) · 1024 + count.
function unpackChunk(id: number, v: number): SvmChunk {
  const owner = Math.floor(v / 1024);
  const k = Math.floor(owner / 4);
  return { id, dev: owner % 4, pid: ptKeyPid(k), start: ptKeyPage(k), count: v % 1024 };
}

/** Live chunk `id`: every id asked for is one (a frame's while it holds a page, or one just
 *  allocated). */
export const chunkById = (w: World, id: number): SvmChunk => unpackChunk(id, w.svmChunks[id]);

/** The live chunks of dev in LRU order: the head (next to evict) first. */
export function lruOf(w: World, dev: number): SvmChunk[] {
  const out: SvmChunk[] = [];
  for (const k in w.svmChunks) {
    const ch = unpackChunk(Number(k), w.svmChunks[k]);
    if (ch.dev === dev) out.push(ch);
  }
  return out;
}

/** The id of the chunk holding dev's frame, or 0. */
export const chunkOfFrame = (w: World, dev: number, frame: number): number =>
  w.svmChunkOf[devFrameKey(dev, frame)] ?? 0;

/** The frames of a chunk, lowest first. */
export function chunkFrames(w: World, ch: SvmChunk): number[] {
  const out: number[] = [];
  const size = w.devices[ch.dev].size;
  for (let f = 0; f !== size; f++) if (w.svmChunkOf[devFrameKey(ch.dev, f)] === ch.id) out.push(f);
  return out;
}

/** Every live chunk of dev with its frames (lowest first), in LRU order: one pass over the
 *  frame table, for a view that shows all of them (chunkFrames per chunk would scan it each). */
export function chunksWithFrames(w: World, dev: number): { chunk: SvmChunk; frames: number[] }[] {
  const byId = new Map<number, number[]>();
  const size = w.devices[dev].size;
  for (let f = 0; f !== size; f++) {
    const id = w.svmChunkOf[devFrameKey(dev, f)];
    // Stryker disable next-line ConditionalExpression: `false` is equivalent: free frames would gather under the key undefined, which no chunk's id reads
    if (id === undefined) continue;
    const list = byId.get(id);
    if (list) list.push(f);
    else byId.set(id, [f]);
  }
  return lruOf(w, dev).map((chunk) => ({ chunk, frames: byId.get(chunk.id) ?? [] }));
}

/** Frames of dev in no live chunk (TTM's free VRAM). */
export function freeFrames(w: World, dev: number): number[] {
  const out: number[] = [];
  const size = w.devices[dev].size;
  for (let f = 0; f < size; f++) if (w.svmChunkOf[devFrameKey(dev, f)] === undefined) out.push(f);
  return out;
}

/** A new chunk at the tail of the LRU, owning `frames`. Returns its id. */
export function addChunk(
  c: Ctx,
  dev: number,
  pid: number,
  start: number,
  count: number,
  frames: number[],
) {
  let id = 1;
  for (const k in c.w.svmChunks) id = Math.max(id, Number(k) + 1);
  setKeyed(c, 'svmChunks', id, (ptKey(pid, start) * 4 + dev) * 1024 + count);
  for (const f of frames) setKeyed(c, 'svmChunkOf', devFrameKey(dev, f), id);
  return id;
}

/** xe_svm_devmem_release: the chunk's frames go back to TTM. */
export function removeChunk(c: Ctx, ch: SvmChunk): void {
  for (const f of chunkFrames(c.w, ch))
    setKeyed(c, 'svmChunkOf', devFrameKey(ch.dev, f), undefined);
  setKeyed(c, 'svmHeld', ch.id, undefined);
  setKeyed(c, 'svmChunks', ch.id, undefined);
}
