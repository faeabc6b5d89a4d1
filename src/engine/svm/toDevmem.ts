// drm_pagemap_migrate_to_devmem (hmm-model-v2.md P.3b–c): migrate a whole range into its new
// chunk, all or nothing. migrate_vma_setup selects system memory (and coherent memory of this
// owner); if it collects fewer pages than the range has, the migration is aborted, every PTE
// restored, and the chunk released: the fault falls back to mirroring system memory.
import { bump, emit, enter, leave, setDevPage, setKeyed, setPte, say, type Ctx } from '../ctx.ts';
import { lockDevPage, putDevPage, unlockDevPage } from '../driver/devmem.ts';
import { invalidateRange, pagesText } from '../hmm/notifier.ts';
import { freeHostPage, setHostLocked } from '../mm/hostPages.ts';
import { devPage, vPage, withState, type VPage } from '../state.ts';
import type { Said } from '../store/say.ts';
import { chunkZdd, releaseChunk } from './devmem.ts';
import { chunkById, chunkFrames, type SvmRange } from './state.ts';

/** Why migrate_vma_collect_pmd leaves a page out, or null when it collects it. */
function notCollected(c: Ctx, v: VPage, dev: number): Said | string | null {
  switch (v.state) {
    case 'none':
    case 'zero':
      return null;
    case 'present': {
      // SELECT_DEVICE_COHERENT takes coherent pages only when the pgmap owner matches.
      if (v.loc >= 0 && v.loc !== dev) return say`in ${c.w.devices[v.loc].name}'s coherent memory`;
      const host = v.loc >= 0 ? c.w.devices[v.loc].frames[v.frame] : c.w.hostFrames[v.frame];
      // folio_try_share_anon_rmap_pte refuses a folio that folio_maybe_dma_pinned().
      if (host.pins > 0) return 'pinned (folio_maybe_dma_pinned)';
      if (host.ref > 1) return 'shared with another process since fork';
      return null;
    }
    case 'device-private':
      return say`in ${c.w.devices[v.dev].name}'s device-private memory`;
    case 'device-exclusive':
      return 'a device-exclusive entry';
    default:
      // Stryker disable next-line StringLiteral: a migration entry never outlives its migration, so no fault meets one
      return 'busy';
  }
}

const valueOf = (c: Ctx, v: VPage): number =>
  v.loc >= 0 ? c.w.devices[v.loc].frames[v.frame].value : c.w.hostFrames[v.frame].value;

/** The CPU entry of a page now in device frame `frame`: migrate_vma_insert_page and
 *  remove_migration_ptes make a present PTE for coherent memory, a device-private entry else. */
const devEntry = (v: VPage, coherent: boolean, writable: boolean, frame: number, dev: number) =>
  coherent
    ? vPage(v.prot, v.shared, 'present', writable, frame, -1, dev)
    : vPage(v.prot, v.shared, 'device-private', writable, frame, dev, -1);

/** Returns whether the range moved into chunk `id`. */
export function migrateToDevmem(c: Ctx, r: SvmRange, id: number): boolean {
  const saved = enter(c, 'drm_pagemap_migrate_to_devmem');
  const ok = migrate(c, r, id);
  leave(c, saved);
  return ok;
}

function migrate(c: Ctx, r: SvmRange, id: number): boolean {
  const { dev, pid, start, count } = r;
  const end = start + count;
  const d = c.w.devices[dev];
  const pages = c.w.procs[pid].pages;
  const ch = chunkById(c.w, id);
  const first = pages[start];
  const coherent = d.memory === 'coherent';
  // The range lay inside one VMA when it was made. Since, only mprotect can have split that VMA:
  // munmap and an mmap over it unmap the range, and the garbage collector removed it.
  for (let p = start; p < end; p++) {
    if (pages[p].prot !== first.prot) {
      emit(
        c,
        'drm_pagemap_migrate_to_devmem',
        say`The range no longer lies inside one VMA (page ${p} differs): -EINVAL before migrate_vma_setup.`,
      );
      releaseChunk(c, ch, 'the migration could not start');
      return false;
    }
  }
  let saved = enter(c, 'migrate_vma_setup');
  emit(
    c,
    'migrate_vma_setup',
    say`migrate_vma_setup over ${pagesText(start, end)} with MIGRATE_VMA_SELECT_SYSTEM | MIGRATE_VMA_SELECT_DEVICE_COHERENT and pgmap_owner ${d.name}.`,
  );
  invalidateRange(c, pid, start, end, 'MIGRATE', dev);
  const srcs: VPage[] = [];
  let skip: { page: number; why: Said | string } | null = null;
  for (let p = start; p < end; p++) {
    const v = pages[p];
    srcs.push(v);
    const why = notCollected(c, v, dev);
    if (why && !skip) skip = { page: p, why };
  }
  let cpages = 0;
  for (let i = 0; i < count; i++) {
    const v = srcs[i];
    if (notCollected(c, v, dev)) continue;
    cpages++;
    if (v.state !== 'present') continue;
    if (v.loc >= 0) lockDevPage(c, v.loc, v.frame);
    else setHostLocked(c, v.frame, true);
    setPte(c, pid, start + i, withState(v, 'migration'));
  }
  emit(
    c,
    'migrate_vma_setup',
    !skip
      ? say`It collects all ${count} page${count > 1 ? 's' : ''} (untouched and zero pages need no source page); present ones are locked and become migration entries.`
      : say`It collects ${cpages} of ${count} pages: page ${skip.page} is ${skip.why}, so it cannot be selected.`,
  );
  leave(c, saved);

  if (cpages !== count) {
    saved = enter(c, 'migrate_vma_finalize');
    for (let i = 0; i < count; i++) {
      const v = srcs[i];
      if (v.state !== 'present' || notCollected(c, v, dev)) continue;
      setPte(c, pid, start + i, v);
      if (v.loc >= 0) unlockDevPage(c, v.loc, v.frame);
      else setHostLocked(c, v.frame, false);
    }
    emit(
      c,
      'drm_pagemap_migrate_to_devmem',
      say`All or nothing: cpages ${cpages} ≠ ${count}, so the migration is aborted (-EBUSY). migrate_vma_pages and migrate_vma_finalize restore every PTE; nothing moved.`,
    );
    leave(c, saved);
    releaseChunk(
      c,
      ch,
      'the migration was aborted ("VRAM allocation failed, falling back to retrying fault")',
    );
    return false;
  }

  const frames = chunkFrames(c.w, ch);
  const zdd = chunkZdd(c, ch);
  saved = enter(c, 'xe_svm_populate_devmem_pfn');
  emit(
    c,
    'xe_svm_populate_devmem_pfn',
    say`xe_svm_populate_devmem_pfn hands out chunk ${id}'s frames; drm_pagemap_get_devmem_page gives each page a reference on the chunk's zdd, its zone_device_data ("${zdd}").`,
  );
  for (let i = 0; i < count; i++) {
    const v = srcs[i];
    const value = v.state !== 'present' ? 0 : valueOf(c, v);
    setDevPage(c, dev, frames[i], devPage(1, zdd, true, value, 0));
    emit(
      c,
      'drm_pagemap_get_devmem_page',
      say`${d.name} frame ${frames[i]} takes page ${start + i}${v.state === 'present' ? say` (value ${value})` : ' (zero-filled)'}.`,
    );
  }
  leave(c, saved);
  emit(
    c,
    'xe_svm_copy_to_devmem',
    say`xe_svm_copy_to_devmem copies the ${count} page${count > 1 ? 's' : ''} into VRAM in one batch; untouched and zero pages become zero-filled pages (amdgpu: svm_migrate_copy_to_vram).`,
  );
  saved = enter(c, 'migrate_vma_pages');
  // migrate_vma_insert_page: writable iff VM_WRITE, which the range's VMA has (the faulting
  // page's VMA is read-write, else the fault ended with -EPERM; the check above keeps the range
  // inside it).
  for (let i = 0; i < count; i++) {
    const v = srcs[i];
    if (v.state === 'present') continue;
    setPte(c, pid, start + i, devEntry(v, coherent, true, frames[i], dev));
  }
  emit(
    c,
    'migrate_vma_pages',
    say`migrate_vma_pages makes the VRAM pages replace the old ones: the point of no return.`,
  );
  leave(c, saved);
  saved = enter(c, 'migrate_vma_finalize');
  for (let i = 0; i < count; i++) {
    const v = srcs[i];
    if (v.state === 'present') {
      setPte(c, pid, start + i, devEntry(v, coherent, v.writable, frames[i], dev));
      // The old page goes: a host frame to the allocator, this device's own coherent page
      // through its free hook (drm_pagemap_folio_free: its old chunk's bookkeeping).
      if (v.loc >= 0) {
        unlockDevPage(c, v.loc, v.frame);
        putDevPage(c, v.loc, v.frame);
      } else freeHostPage(c, v.frame);
    }
    unlockDevPage(c, dev, frames[i]);
  }
  setKeyed(c, 'svmHeld', id, count);
  bump(c, 'pagesToDevice', count);
  emit(
    c,
    'migrate_vma_finalize',
    coherent
      ? say`migrate_vma_finalize (remove_migration_ptes) gives all ${count} page${count > 1 ? 's' : ''} ordinary present PTEs to ${d.name}'s coherent frames, writable as before — the CPU loads and stores them in place, no fault — and frees the old pages: the whole range lives in chunk ${id}.`
      : say`migrate_vma_finalize turns all ${count} CPU entr${count > 1 ? 'ies' : 'y'} into device-private entries pointing at ${d.name} and frees the old host frames: the whole range lives in chunk ${id}.`,
  );
  leave(c, saved);
  return true;
}
