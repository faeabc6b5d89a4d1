// The frame behind a present (or device-exclusive, or migration) entry: a host frame, or with
// loc ≥ 0 a MEMORY_DEVICE_COHERENT frame of device `loc`, which the CPU maps like any page.
import { setDevPage, type Ctx } from '../ctx.ts';
import { putDevPage } from '../driver/devmem.ts';
import { devPage, type DevPage, type HostPage, type World } from '../state.ts';
import { setHostValue, shareHostPage, unmapHostPage } from './hostPages.ts';

export const pageAt = (w: World, loc: number, frame: number): HostPage | DevPage =>
  loc < 0 ? w.hostFrames[frame] : w.devices[loc].frames[frame];

/** Mappers other than pins (a pinned anonymous page stays exclusive: PageAnonExclusive). */
export function sharers(w: World, loc: number, frame: number): number {
  const p = pageAt(w, loc, frame);
  return p.ref - p.pins;
}

export function setFrameValue(c: Ctx, loc: number, frame: number, value: number): void {
  if (loc < 0) return setHostValue(c, frame, value);
  const p = c.w.devices[loc].frames[frame];
  setDevPage(c, loc, frame, devPage(p.ref, p.zdd, p.locked, value, p.pins));
}

/** One more PTE maps the frame (fork, several mappers migrated together). */
export function shareFrame(c: Ctx, loc: number, frame: number): void {
  if (loc < 0) return shareHostPage(c, frame);
  const p = c.w.devices[loc].frames[frame];
  setDevPage(c, loc, frame, devPage(p.ref + 1, p.zdd, p.locked, p.value, p.pins));
}

/** A PTE stops mapping the frame (freed with its last reference: page_free for a device). */
export function unmapFrame(c: Ctx, loc: number, frame: number): void {
  if (loc < 0) unmapHostPage(c, frame);
  else putDevPage(c, loc, frame);
}

/** How narration names the frame. */
export const frameName = (w: World, loc: number, frame: number): string =>
  loc < 0 ? `host frame ${frame}` : `${w.devices[loc].name} frame ${frame}`;
