// The svm driver's device memory: registration (flow O), the free hook drm_pagemap_folio_free,
// and the end of a chunk (drm_pagemap_zdd_destroy → xe_svm_devmem_release). VRAM belongs to
// TTM: no driver free list; a frame is in use while a live chunk owns it, page or no page.
import {
  aboutDevice,
  aboutProcess,
  bump,
  emit,
  setDevPage,
  setKeyed,
  say,
  type Ctx,
} from '../ctx.ts';
import { pagesText } from '../hmm/notifier.ts';
import { devPage, FREE_DEV_PAGE } from '../state.ts';
import { render } from '../store/say.ts';
import { chunkById, chunkOfFrame, removeChunk, type SvmChunk } from './state.ts';

/** Flow O for one svm device. */
export function registerSvmDevice(c: Ctx, dev: number): void {
  const d = c.w.devices[dev];
  const total = d.size;
  aboutProcess(c, -1);
  aboutDevice(c, dev);
  for (let f = 0; f < total; f++) setDevPage(c, dev, f, FREE_DEV_PAGE);
  emit(
    c,
    'devm_memremap_pages',
    say`${d.name} registers ${total} frames of VRAM with devm_memremap_pages: a struct page each in ZONE_DEVICE, owner ${d.name}, with the ops of drm_pagemap_pagemap_ops_get — migrate_to_ram = drm_pagemap_migrate_to_ram, the free hook drm_pagemap_folio_free (amdgpu: svm_migrate_init).`,
  );
  emit(
    c,
    'drm_pagemap_init',
    say`No free list is built: the frames are TTM's VRAM, all ${total} free. A frame is in use only while a chunk — one xe BO backing one GPU SVM range — owns it.`,
  );
  const sizes: number[] = [];
  for (let s = d.chunk; s >= 1; s >>= 1) sizes.push(s);
  emit(
    c,
    'drm_gpusvm_init',
    say`drm_gpusvm_init sets the range sizes ${d.name} tries on a GPU fault: ${sizes.join(', ')} page${d.chunk > 1 ? 's' : ''} (amdgpu: svm_range_list_init).`,
  );
  emit(
    c,
    'mmu_interval_notifier_insert',
    say`${d.name} registers an mmu_interval_notifier over pid 1's address space (sequence ${d.seq}); unlike dmirror it will act on its own MMU_NOTIFY_MIGRATE too.`,
  );
}

/** The chunk's drm_pagemap_zdd, as stored in zone_device_data of each of its pages. */
export const chunkZdd = (c: Ctx, ch: SvmChunk): string =>
  render(
    say`drm_pagemap_zdd(${c.w.devices[ch.dev].name}) chunk ${ch.id}: pid ${ch.pid} ${pagesText(ch.start, ch.start + ch.count)}`,
  );

/** put_page on an svm device page; the last reference frees it through drm_pagemap_folio_free. */
export function svmPutPage(c: Ctx, dev: number, frame: number): void {
  const d = c.w.devices[dev];
  const p = d.frames[frame];
  if (p.ref > 1) {
    setDevPage(c, dev, frame, devPage(p.ref - 1, p.zdd, p.locked, p.value, p.pins));
    return;
  }
  setDevPage(c, dev, frame, FREE_DEV_PAGE);
  bump(c, 'pageFree');
  const id = chunkOfFrame(c.w, dev, frame);
  const held = (c.w.svmHeld[id] ?? 1) - 1;
  emit(
    c,
    'drm_pagemap_folio_free',
    say`The last reference to ${d.name} frame ${frame} is gone: drm_pagemap_folio_free drops the page's reference on its chunk's zdd${held ? say` (chunk ${id} still holds ${held} page${held > 1 ? 's' : ''}; the frame stays the chunk's)` : ''}.`,
  );
  if (held > 0) {
    setKeyed(c, 'svmHeld', id, held);
    return;
  }
  releaseChunk(c, chunkById(c.w, id), 'its last page left VRAM');
}

/** drm_pagemap_zdd_destroy → xe_svm_devmem_release: the chunk's frames are TTM's again. */
export function releaseChunk(c: Ctx, ch: SvmChunk, why: string): void {
  const d = c.w.devices[ch.dev];
  removeChunk(c, ch);
  emit(
    c,
    'xe_svm_devmem_release',
    say`Chunk ${ch.id} of ${d.name} (pid ${ch.pid} ${pagesText(ch.start, ch.start + ch.count)}) is released because ${why}: drm_pagemap_zdd_destroy → xe_svm_devmem_release returns its ${ch.count} frame${ch.count > 1 ? 's' : ''} to TTM (amdgpu: svm_range_bo_release).`,
  );
}
