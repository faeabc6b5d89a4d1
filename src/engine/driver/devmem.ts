// dmirror's device memory: registration (flow A), the free list, and the page_free callback
// (HMM contract 3). Free frames are taken lowest-numbered first.
import {
  aboutDevice,
  aboutProcess,
  bump,
  emit,
  setDevPage,
  setFailNextAlloc,
  say,
  type Ctx,
} from '../ctx.ts';
import { render, type Said } from '../store/say.ts';
import { freedFrame, lowestFree } from '../freeHint.ts';
import { devPage, FREE_DEV_PAGE, ptKey } from '../state.ts';
import { registerSvmDevice, svmPutPage } from '../svm/devmem.ts';

/** The driver's zone_device_data, as said in narration and as stored on the page. */
export const zddSaid = (dev: string, pid: number, page: number): Said =>
  say`dmirror(${dev}) pid ${pid} page ${page}`;

/**
 * zone_device_data strings by device name and ptKey. A string is a pure function of the three,
 * so one object serves every allocation of that page, in every run: the trace's frame cache
 * then compares pointers, and a re-run (or the bench) renders none and leaves no survivors for
 * the young-generation collector to copy. Forgotten wholesale past MEMO_MAX strings.
 */
const zddMemo = new Map<string, string[]>();
let zddMemoSize = 0;
export const MEMO_MAX = 1 << 17;

export function zoneDeviceData(name: string, pid: number, page: number): string {
  let byKey = zddMemo.get(name);
  // Stryker disable next-line ConditionalExpression: a memo only; a string is the same whichever object holds it
  if (byKey === undefined) zddMemo.set(name, (byKey = []));
  const key = ptKey(pid, page);
  const known = byKey[key];
  // Stryker disable next-line ConditionalExpression: a memo only; rendering again gives the same string
  if (known !== undefined) return known;
  // Stryker disable next-line ConditionalExpression,EqualityOperator,BlockStatement,UpdateOperator: when (or whether) the memo forgets changes memory use only, never a string (its test checks strings after forgetting)
  if (++zddMemoSize > MEMO_MAX) {
    zddMemo.clear();
    zddMemo.set(name, (byKey = []));
    zddMemoSize = 1;
  }
  return (byKey[key] = render(zddSaid(name, pid, page)));
}

/** Flow A for every device: memremap_pages, the driver's free list, the interval notifier. */
export function registerDevices(c: Ctx): void {
  c.w.devices.forEach((d, dev) => {
    if (d.driver === 'svm') return registerSvmDevice(c, dev);
    const total = d.size;
    aboutProcess(c, -1);
    aboutDevice(c, dev);
    for (let f = 0; f < total; f++) setDevPage(c, dev, f, FREE_DEV_PAGE);
    emit(
      c,
      'memremap_pages',
      d.memory === 'coherent'
        ? say`${d.name} registers ${total} frames of device-coherent memory: real, CPU-addressable memory on a cache-coherent bus (no request_free_mem_region), so memremap_pages gives each a struct page in ZONE_DEVICE in a dev_pagemap of type MEMORY_DEVICE_COHERENT, which requires ops->page_free and an owner. The struct page itself holds the data.`
        : say`${d.name} registers ${total} frames of device-private memory: memremap_pages gives each a struct page in ZONE_DEVICE, in a dev_pagemap of type MEMORY_DEVICE_PRIVATE whose ops are page_free and migrate_to_ram.`,
    );
    emit(
      c,
      'dmirror_allocate_chunk',
      say`The ${d.name} driver puts all ${total} frames on its free list; a page's zone_device_data stays empty until the driver hands the page out.`,
    );
    aboutProcess(c, 1);
    emit(
      c,
      'mmu_interval_notifier_insert',
      say`${d.name} registers an mmu_interval_notifier over pid 1's address space: from now on every change to a CPU page-table entry calls ${d.name} back first (sequence ${d.seq}).`,
    );
  });
}

/** dmirror_devmem_alloc_page: take the lowest free frame, or fail (FAIL_ALLOC or none left). */
export function allocDevPage(
  c: Ctx,
  dev: number,
  pid: number,
  page: number,
  value: number,
): number {
  const d = c.w.devices[dev];
  if (d.failNextAlloc) {
    setFailNextAlloc(c, dev, false);
    return -1;
  }
  const f = lowestFree(d.frames);
  if (f < 0) return -1;
  setDevPage(c, dev, f, {
    ref: 1,
    zdd: zoneDeviceData(d.name, pid, page),
    locked: true,
    value,
    pins: 0,
  });
  return f;
}

/** put_page on a device page; at zero the kernel calls pgmap->ops->page_free. */
export function putDevPage(c: Ctx, dev: number, frame: number): void {
  const d = c.w.devices[dev];
  if (d.driver === 'svm') return svmPutPage(c, dev, frame);
  const p = d.frames[frame];
  if (p.ref > 1) {
    setDevPage(c, dev, frame, devPage(p.ref - 1, p.zdd, p.locked, p.value, p.pins));
    return;
  }
  setDevPage(c, dev, frame, FREE_DEV_PAGE);
  freedFrame(d.frames, frame);
  bump(c, 'pageFree');
  emit(
    c,
    'page_free',
    say`The last reference to ${d.name} frame ${frame} is gone, so the kernel calls pgmap->ops->page_free: the driver clears zone_device_data and puts the frame back on its free list.`,
  );
}

/** unlock_page: only a page its caller locked (the kernel BUGs on any other). */
export function unlockDevPage(c: Ctx, dev: number, frame: number): void {
  const p = c.w.devices[dev].frames[frame];
  setDevPage(c, dev, frame, devPage(p.ref, p.zdd, false, p.value, p.pins));
}

export function lockDevPage(c: Ctx, dev: number, frame: number): void {
  const p = c.w.devices[dev].frames[frame];
  setDevPage(c, dev, frame, devPage(p.ref, p.zdd, true, p.value, p.pins));
}
