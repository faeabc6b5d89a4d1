// MAP_SHARED|MAP_ANONYMOUS memory is a shmem object in the kernel: one set of pages, kept in
// its page cache, that every process mapping the object sees, whenever it first touches a page
// (shmem_fault finds the page there). fork hands the object down with the VMA. The page cache
// holds a reference of its own on each page, so a page outlives the PTEs that map it for as
// long as some process still maps that part of the object.
import { setKeyed, type Ctx } from '../ctx.ts';
import { ptKey, shmemKey } from '../state.ts';
import { unmapHostPage } from './hostPages.ts';

/** The shmem object a page of `pid` belongs to, or undefined for private memory. */
export const shmemOf = (c: Ctx, pid: number, page: number): number | undefined =>
  c.w.shmem[ptKey(pid, page)];

/** A new object for a shared mmap: one number above any object still mapped. */
export function newShmem(c: Ctx): number {
  let top = 0;
  for (const k in c.w.shmem) top = Math.max(top, c.w.shmem[k]);
  return top + 1;
}

/** The host frame holding `page` of object `obj` in its page cache, or -1. */
export function cachedFrame(c: Ctx, obj: number, page: number): number {
  return c.w.shmemPages[shmemKey(obj, page)] ?? -1;
}

/** The page cache takes its new page (its allocation reference becomes the cache's). */
export function cachePage(c: Ctx, obj: number, page: number, frame: number): void {
  setKeyed(c, 'shmemPages', shmemKey(obj, page), frame);
}

/** The pids whose `page` is that page of object `obj`. */
export function mappersOf(c: Ctx, obj: number, page: number): number[] {
  const out: number[] = [];
  for (const pid in c.w.procs) if (c.w.shmem[ptKey(Number(pid), page)] === obj) out.push(+pid);
  return out;
}

/**
 * `pid` stops mapping its `page` (munmap): it leaves the object there. When no process maps
 * that page of the object any more, nobody can reach it: the page cache lets it go. Returns
 * whether that freed its frame.
 */
export function leaveShmem(c: Ctx, pid: number, page: number): boolean {
  const obj = shmemOf(c, pid, page);
  if (obj === undefined) return false;
  setKeyed(c, 'shmem', ptKey(pid, page), undefined);
  const frame = cachedFrame(c, obj, page);
  if (frame < 0 || mappersOf(c, obj, page).length) return false;
  setKeyed(c, 'shmemPages', shmemKey(obj, page), undefined);
  return unmapHostPage(c, frame);
}

/**
 * Notes `value` as the last one written to `page` of `pid` (invariant 5), for every process
 * that sees that page: all mappers of a shared page, only `pid` for private memory.
 */
export function noteWrite(c: Ctx, pid: number, page: number, value: number): void {
  const obj = shmemOf(c, pid, page);
  if (obj === undefined) return setKeyed(c, 'expect', ptKey(pid, page), value);
  for (const p of mappersOf(c, obj, page)) setKeyed(c, 'expect', ptKey(p, page), value);
}
