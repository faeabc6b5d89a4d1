// A whole chunk goes home (flows Q and R): drm_pagemap_evict_to_ram (eviction, release: by the
// chunk's device pfns, migrate_device_pfns) or __drm_pagemap_migrate_to_ram (a CPU touch: by
// virtual address, migrate_vma_*). Host pages for every page or nothing moves
// (drm_pagemap_migrate_populate_ram_pfn); the device pages then go through drm_pagemap_folio_free.
import {
  aboutDevice,
  aboutPages,
  bump,
  emit,
  enter,
  leave,
  setPte,
  say,
  type Ctx,
} from '../ctx.ts';
import { lockDevPage, unlockDevPage } from '../driver/devmem.ts';
import { invalidateRange, pagesText } from '../hmm/notifier.ts';
import { lowestFree } from '../freeHint.ts';
import { allocHostPage, mapHostPage, shareHostPage } from '../mm/hostPages.ts';
import { vPage, withState, type VPage } from '../state.ts';
import { svmPutPage } from './devmem.ts';
import { chunkById, chunkFrames, chunkOfFrame, type SvmChunk } from './state.ts';

interface Mapper {
  pid: number;
  page: number;
  src: VPage;
}

/** One device page of the chunk, with every CPU entry that maps it (more than one after fork). */
interface Moving {
  frame: number;
  maps: Mapper[];
  dst: number;
}

export type ToRamMode = 'evict' | 'fault';

/** remove_migration_ptes after a failed move: the old entry, a device-exclusive one made an
 *  ordinary present PTE (try_to_migrate_one already took the exclusive access away). */
const restored = (v: VPage): VPage =>
  v.state === 'device-exclusive'
    ? vPage(v.prot, v.shared, 'present', v.writable, v.frame, -1, v.loc)
    : v;

/**
 * The pages to move and every CPU entry mapping each (the rmap walk): for an eviction every
 * page the chunk holds, for a fault the chunk's pages in [start, end) of pid.
 */
function chunkPages(
  c: Ctx,
  ch: SvmChunk,
  mode: ToRamMode,
  pid: number,
  start: number,
  end: number,
) {
  const byFrame = new Map<number, Moving>();
  const frames = c.w.devices[ch.dev].frames;
  const add = (p: number, page: number, v: VPage) => {
    let m = byFrame.get(v.frame);
    // Stryker disable next-line UnaryOperator: dst is a placeholder; the populate step sets every page's dst (allocHostPage) before anything reads it
    if (!m) byFrame.set(v.frame, (m = { frame: v.frame, maps: [], dst: -1 }));
    m.maps.push({ pid: p, page, src: v });
  };
  // Coherent memory is mapped by present PTEs (or a dmirror's device-exclusive entries, which
  // try_to_migrate_one turns into migration entries too); none and zero entries have loc -1. A
  // pinned page is not collected: migrate_vma_check_page refuses its extra references, so it
  // stays in device memory.
  const ours = (v: VPage | undefined): v is VPage =>
    !!v &&
    (v.state === 'device-private' ? v.dev : v.loc) === ch.dev &&
    chunkOfFrame(c.w, ch.dev, v.frame) === ch.id &&
    frames[v.frame].pins === 0;
  const pages = c.w.procs[pid].pages;
  for (let page = start; page < end; page++) if (ours(pages[page])) add(pid, page, pages[page]);
  // The rmap walk is needed only when the chunk's pages have references the scan did not find:
  // another process's since fork, or (for a fault) pages outside the VMA, which it leaves out.
  // Every entry found is a reference, so found never exceeds held.
  let held = 0;
  // Stryker disable next-line AssignmentOperator: `held -=` makes the walk run always, and it then finds what the scan found
  for (const f of chunkFrames(c.w, ch)) held += frames[f].ref;
  let found = 0;
  // Stryker disable next-line AssignmentOperator: `found -=` makes the walk run always, and it then finds what the scan found
  for (const m of byFrame.values()) found += m.maps.length;
  if (held !== found) {
    const wanted = mode === 'fault' ? new Set(byFrame.keys()) : null;
    byFrame.clear();
    for (const p in c.w.procs) {
      const ps = c.w.procs[p].pages;
      for (const page in ps) {
        const v = ps[page];
        if (ours(v) && (!wanted || wanted.has(v.frame))) add(+p, +page, v);
      }
    }
  }
  return [...byFrame.values()].sort((a, b) => a.maps[0].page - b.maps[0].page);
}

/**
 * Moves the pages of chunk `ch` found in [start, end) of `pid` (all its pages, wherever mapped,
 * for an eviction) to host RAM. Returns the pages moved, or -1 when host RAM could not take
 * them all (nothing moved).
 */
export function chunkToRam(
  c: Ctx,
  ch: SvmChunk,
  mode: ToRamMode,
  pid: number,
  start: number,
  end: number,
): number {
  const dev = ch.dev;
  const d = c.w.devices[dev];
  const list = chunkPages(c, ch, mode, pid, start, end);
  const n = list.length;
  const setupFn = mode === 'evict' ? 'migrate_device_pfns' : 'migrate_vma_setup';
  let saved = enter(c, setupFn);
  for (const m of list) lockDevPage(c, dev, m.frame);
  emit(
    c,
    setupFn,
    mode === 'evict'
      ? say`xe_svm_populate_devmem_pfn lists chunk ${ch.id}'s device pfns; migrate_device_pfns locks the ${n} page${n === 1 ? '' : 's'} it still holds, wherever they are mapped.`
      : say`migrate_vma_setup with MIGRATE_VMA_SELECT_DEVICE_PRIVATE over ${pagesText(start, end)} (the chunk, clipped to the VMA) selects the ${n} page${n === 1 ? '' : 's'} of chunk ${ch.id} and locks ${n === 1 ? 'it' : 'them'}.`,
  );
  if (mode === 'fault') invalidateRange(c, pid, start, end, 'MIGRATE', dev);
  // try_to_migrate: per page, no owner, for every entry the MIGRATE above did not cover (those of
  // other processes: a process maps a frame at one page, and these pages are in [start, end)).
  for (const m of list)
    for (const o of m.maps)
      if (mode === 'evict' || o.pid !== pid)
        invalidateRange(c, o.pid, o.page, o.page + 1, 'CLEAR', -1);
  for (const m of list)
    for (const o of m.maps) setPte(c, o.pid, o.page, withState(o.src, 'migration'));
  if (n)
    emit(
      c,
      mode === 'evict' ? 'migrate_device_unmap' : setupFn,
      mode === 'evict'
        ? say`try_to_migrate turns every CPU entry of those pages into a migration entry (MMU_NOTIFY_CLEAR per page): a CPU touch now waits for the eviction.`
        : say`Their device-private entries become migration entries: a CPU touch now waits until the chunk is home.`,
    );
  leave(c, saved);

  saved = enter(c, 'drm_pagemap_migrate_populate_ram_pfn');
  let free = 0;
  const host = c.w.hostFrames;
  const lo = lowestFree(host);
  for (let f = lo < 0 ? host.length : lo; f < host.length && free !== n; f++)
    if (host[f].ref === 0) free++;
  if (free < n) {
    emit(
      c,
      'drm_pagemap_migrate_populate_ram_pfn',
      say`Host RAM has ${free} free frame${free === 1 ? '' : 's'} for the chunk's ${n} pages: the allocation fails, so nothing moves — the whole chunk or nothing.`,
    );
    leave(c, saved);
    saved = enter(c, mode === 'evict' ? 'migrate_device_finalize' : 'migrate_vma_finalize');
    for (const m of list) {
      for (const o of m.maps) setPte(c, o.pid, o.page, restored(o.src));
      unlockDevPage(c, dev, m.frame);
    }
    emit(
      c,
      mode === 'evict' ? 'migrate_device_finalize' : 'migrate_vma_finalize',
      d.memory === 'coherent'
        ? say`The present PTEs to ${d.name}'s coherent frames are restored and the pages unlocked: chunk ${ch.id} stays in ${d.name}'s VRAM.`
        : say`The device-private entries are restored and the pages unlocked: chunk ${ch.id} stays in ${d.name}'s VRAM.`,
    );
    leave(c, saved);
    return -1;
  }
  emit(
    c,
    'drm_pagemap_migrate_populate_ram_pfn',
    say`Host RAM can take all ${n} page${n === 1 ? '' : 's'}: one host page is allocated and locked for each.`,
  );
  for (const m of list) {
    m.dst = allocHostPage(c, d.frames[m.frame].value, true);
    emit(
      c,
      mode === 'evict' ? 'folio_alloc' : 'vma_alloc_folio',
      say`Host frame ${m.dst} will take page ${m.maps[0].page} from ${d.name} frame ${m.frame}.`,
    );
  }
  leave(c, saved);

  if (n)
    emit(
      c,
      'xe_svm_copy_to_ram',
      say`xe_svm_copy_to_ram copies ${n === 1 ? 'the page' : say`all ${n} pages`} of chunk ${ch.id} from ${d.name}'s VRAM to host RAM in one batch (amdgpu: svm_migrate_copy_to_ram).`,
    );
  const pagesFn = mode === 'evict' ? 'migrate_device_pages' : 'migrate_vma_pages';
  saved = enter(c, pagesFn);
  emit(
    c,
    pagesFn,
    n
      ? say`${pagesFn} makes the host pages take over: from here there is no way back.`
      : say`${pagesFn} has nothing to move.`,
  );
  leave(c, saved);

  const finalizeFn = mode === 'evict' ? 'migrate_device_finalize' : 'migrate_vma_finalize';
  saved = enter(c, finalizeFn);
  for (const m of list) {
    mapHostPage(c, m.dst);
    for (let k = 0; k < m.maps.length; k++) {
      const o = m.maps[k];
      setPte(
        c,
        o.pid,
        o.page,
        vPage(o.src.prot, o.src.shared, 'present', o.src.writable, m.dst, -1, -1),
      );
      if (k > 0) shareHostPage(c, m.dst);
    }
    unlockDevPage(c, dev, m.frame);
  }
  bump(c, 'pagesToHost', n);
  if (mode === 'evict') bump(c, 'pagesEvicted', n);
  emit(
    c,
    finalizeFn,
    n
      ? say`${finalizeFn} maps the ${n} page${n === 1 ? '' : 's'} from host RAM, each writable only if its entry was, and unlocks; the device pages lose their last mapping.`
      : say`${finalizeFn}: nothing moved.`,
  );
  for (const m of list) for (let k = 0; k < m.maps.length; k++) svmPutPage(c, dev, m.frame);
  leave(c, saved);
  return n;
}

/** pgmap->ops->migrate_to_ram of an svm device: drm_pagemap_migrate_to_ram, the whole chunk. */
export function svmMigrateToRam(c: Ctx, pid: number, page: number, dev: number): 'ok' | 'ENOMEM' {
  const saved = enter(c, 'drm_pagemap_migrate_to_ram');
  aboutDevice(c, dev);
  bump(c, 'migrateToRam');
  const w = c.w;
  const pages = w.procs[pid].pages;
  const v = pages[page];
  const id = chunkOfFrame(w, dev, v.frame);
  const ch = chunkById(w, id);
  const vma = (q: number) => {
    const x = pages[q];
    return !!x && x.prot === v.prot && x.shared === v.shared;
  };
  // [ALIGN_DOWN(addr, size), ALIGN(addr + 1, size)), clipped to the faulting VMA: the chunk's
  // range holds the page (its frames are mapped only at the addresses they were allocated for;
  // fork keeps them).
  let start = page;
  while (start > ch.start && vma(start - 1)) start--;
  let end = page + 1;
  while (end < ch.start + ch.count && vma(end)) end++;
  emit(
    c,
    'drm_pagemap_migrate_to_ram',
    say`${w.devices[dev].name}'s migrate_to_ram is drm_pagemap_migrate_to_ram: it brings home the whole device allocation holding page ${page} — chunk ${id}, ${pagesText(start, end)} — not just the page touched (amdgpu's svm_migrate_to_ram likewise moves the aligned block; dmirror and nouveau move one page).`,
  );
  aboutPages(c, pid, start, end);
  const moved = chunkToRam(c, ch, 'fault', pid, start, end);
  leave(c, saved);
  return moved < 0 ? 'ENOMEM' : 'ok';
}
