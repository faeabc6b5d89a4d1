// Host RAM: struct page bookkeeping for host frames. Frames are taken lowest-numbered first.
import { setHost, type Ctx } from '../ctx.ts';
import { freedFrame, lowestFree } from '../freeHint.ts';
import { FREE_HOST_PAGE, hostPage } from '../state.ts';

export function findFreeHostFrame(c: Ctx): number {
  return lowestFree(c.w.hostFrames);
}

/** alloc_page: a fresh page holding `value`, referenced once, not yet mapped. */
export function allocHostPage(c: Ctx, value: number, locked = false): number {
  const f = findFreeHostFrame(c);
  if (f >= 0) setHost(c, f, { ref: 1, map: 0, locked, value, pins: 0 });
  return f;
}

/** The page's data changes (a CPU or device store). */
export function setHostValue(c: Ctx, frame: number, value: number): void {
  const p = c.w.hostFrames[frame];
  setHost(c, frame, hostPage(p.ref, p.map, p.locked, value, p.pins));
}

/** lock_page / unlock_page. */
export function setHostLocked(c: Ctx, frame: number, locked: boolean): void {
  const p = c.w.hostFrames[frame];
  setHost(c, frame, hostPage(p.ref, p.map, locked, p.value, p.pins));
}

/** A PTE now maps the page (page_add_anon_rmap): the allocation reference becomes the map's. */
export function mapHostPage(c: Ctx, frame: number): void {
  const p = c.w.hostFrames[frame];
  setHost(c, frame, hostPage(p.ref, p.map + 1, false, p.value, p.pins));
}

/** One more PTE maps the page (fork, or a page that had several mappers migrated back). */
export function shareHostPage(c: Ctx, frame: number): void {
  const p = c.w.hostFrames[frame];
  setHost(c, frame, hostPage(p.ref + 1, p.map + 1, p.locked, p.value, p.pins));
}

/** A PTE stops mapping the page; the page is freed when its last reference goes. */
export function unmapHostPage(c: Ctx, frame: number): boolean {
  const p = c.w.hostFrames[frame];
  if (p.ref <= 1) {
    freeHostPage(c, frame);
    return true;
  }
  setHost(c, frame, hostPage(p.ref - 1, Math.max(0, p.map - 1), p.locked, p.value, p.pins));
  return false;
}

export function freeHostPage(c: Ctx, frame: number): void {
  setHost(c, frame, FREE_HOST_PAGE);
  freedFrame(c.w.hostFrames, frame);
}
