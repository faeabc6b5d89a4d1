// Device → host migration shared by migrate_to_ram (flow C), migrate_to_host and release
// (flow F): lock and unmap the device pages, allocate and copy host pages, migrate, let the
// driver drop its mapping, finalize, and let the last put of each device page call page_free.
import {
  aboutDevice,
  aboutPage,
  bump,
  emit,
  enter,
  leave,
  setDevPte,
  setPte,
  say,
  type Ctx,
} from '../ctx.ts';
import { sayPinnedSkip } from './pinSkip.ts';
import { lockDevPage, putDevPage, unlockDevPage } from '../driver/devmem.ts';
import { invalidateRange } from '../hmm/notifier.ts';
import { allocHostPage, mapHostPage, shareHostPage } from '../mm/hostPages.ts';
import { ptKey, vPage, withState, type VPage } from '../state.ts';

export interface DevItem {
  pid: number;
  page: number;
}

/** fault: migrate_to_ram; range: dmirror MIGRATE_TO_SYS; evict: migrate_device_range. */
export type ToHostMode = 'fault' | 'range' | 'evict';

const FN = {
  fault: ['migrate_vma_setup', 'migrate_vma_pages', 'migrate_vma_finalize'],
  range: ['migrate_vma_setup', 'migrate_vma_pages', 'migrate_vma_finalize'],
  evict: ['migrate_device_range', 'migrate_device_pages', 'migrate_device_finalize'],
} as const;

interface Mapper extends DevItem {
  src: VPage;
}

/** One device page on its way home, with every CPU entry that maps it (more than one after fork). */
interface Moving extends Mapper {
  others: readonly Mapper[];
  dst: number;
}

/** The rmap walk: other processes' entries for the same device frame. */
const ALONE: readonly Mapper[] = [];

function otherMappers(c: Ctx, dev: number, first: DevItem, frame: number): readonly Mapper[] {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: a shortcut only: a frame with one reference has one mapper, the first, so the walk would find no other
  if (c.w.devices[dev].frames[frame].ref <= 1) return ALONE;
  const out: Mapper[] = [];
  for (const pid in c.w.procs) {
    const pages = c.w.procs[pid].pages;
    for (const page in pages) {
      const v = pages[page];
      const same =
        v.frame === frame &&
        // Stryker disable next-line ConditionalExpression: `v.state === 'present'` -> true is equivalent: another process's entry for this frame is never device-exclusive (make_device_exclusive write-faults first, so COW gives the page a frame of its own, and fork turns an exclusive entry present) and migration entries live only inside a migration
        (v.state === 'device-private' ? v.dev === dev : v.state === 'present' && v.loc === dev);
      // Stryker disable next-line ConditionalExpression: `Number(page) !== first.page` -> false is equivalent: a process maps an anonymous frame at one page only (nothing remaps it), so another mapper is in another process
      if (same && (Number(pid) !== first.pid || Number(page) !== first.page))
        out.push({ pid: Number(pid), page: Number(page), src: v });
    }
  }
  return out;
}

/** The entry of a page that came home: present in host frame `frame`, writable as it was. */
const backHome = (v: VPage, frame: number): VPage =>
  vPage(v.prot, v.shared, 'present', v.writable, frame, -1, -1);

export interface ToHostResult {
  moved: number;
  oom: boolean;
}

export function migrateToHost(
  c: Ctx,
  dev: number,
  items: DevItem[],
  mode: ToHostMode,
  notifyRange?: { pid: number; start: number; end: number },
  /** Pinned coherent pages the walk leaves in place (hmm-model-v2.md N), said at each. */
  pinned: readonly DevItem[] = [],
): ToHostResult {
  const d = c.w.devices[dev];
  const coherent = d.memory === 'coherent';
  // dmirror_devmem_fault_alloc_and_copy erases each device entry before copying the page
  // (hmm-model-v2.md L.4, lib/test_hmm.c); @1's flow F keeps hmm-model.md's order (after
  // migrate_vma_pages), so private memory's waypoints and every @1 traceHash stay as they are.
  const earlyErase = coherent && mode !== 'evict';
  const fns = FN[mode];
  const setupFn = fns[0];
  const pagesFn = fns[1];
  const finalizeFn = fns[2];
  const list = items.map((it): Moving => {
    const src = c.w.procs[it.pid].pages[it.page];
    return {
      pid: it.pid,
      page: it.page,
      src,
      others: otherMappers(c, dev, it, src.frame),
      dst: -1,
    };
  });

  let saved = enter(c, setupFn);
  emit(
    c,
    setupFn,
    mode === 'evict'
      ? say`migrate_device_range walks ${d.name}'s own frames and finds ${list.length} in use: each must go back to host RAM before the device lets go of its memory.`
      : coherent
        ? say`${setupFn} with MIGRATE_VMA_SELECT_DEVICE_COHERENT selects the present PTEs to ${d.name}'s coherent frames (owner match): ${list.length} page${list.length === 1 ? '' : 's'}, locked. Host pages, untouched pages, pinned pages and other devices' pages are left alone.`
        : say`${setupFn} with MIGRATE_VMA_SELECT_DEVICE_PRIVATE selects ${list.length} page${list.length === 1 ? '' : 's'} living in ${d.name}'s memory and locks ${list.length === 1 ? 'it' : 'them'}.`,
  );
  for (const it of pinned)
    sayPinnedSkip(
      c,
      it.pid,
      it.page,
      c.w.procs[it.pid].pages[it.page],
      mode === 'evict' ? 'try_to_migrate' : 'migrate_vma_collect_pmd',
    );
  for (const m of list) lockDevPage(c, dev, m.src.frame);
  if (mode === 'evict') {
    for (const m of list) invalidateRange(c, m.pid, m.page, m.page + 1, 'CLEAR', -1);
  } else if (notifyRange) {
    invalidateRange(c, notifyRange.pid, notifyRange.start, notifyRange.end, 'MIGRATE', dev);
  }
  for (const m of list)
    for (const o of m.others) invalidateRange(c, o.pid, o.page, o.page + 1, 'CLEAR', -1);
  if (list.length) {
    for (const m of list) {
      setPte(c, m.pid, m.page, withState(m.src, 'migration'));
      for (const o of m.others) setPte(c, o.pid, o.page, withState(o.src, 'migration'));
    }
    emit(
      c,
      setupFn,
      coherent
        ? say`The present PTE${list.length === 1 ? ' becomes a migration entry' : 's become migration entries'} (try_to_migrate): a CPU touch now waits until the page is back.`
        : say`The device-private entr${list.length === 1 ? 'y becomes a migration entry' : 'ies become migration entries'}: a CPU touch now waits until the page is back.`,
    );
  }
  leave(c, saved);

  let oom = false;
  saved = enter(
    c,
    mode === 'evict' ? 'dmirror_device_evict_chunk' : 'dmirror_devmem_fault_alloc_and_copy',
  );
  for (const m of list) {
    aboutPage(c, m.pid, m.page);
    aboutDevice(c, dev, m.src.frame);
    const value = d.frames[m.src.frame].value;
    m.dst = allocHostPage(c, value, true);
    if (m.dst < 0) {
      oom = true;
      emit(
        c,
        'alloc_page',
        say`No host frame is free for page ${m.page}: it stays in ${d.name}'s memory${list.length > 1 ? ', and so do the pages after it' : ''}.`,
      );
      break;
    }
    if (earlyErase) {
      setDevPte(c, dev, ptKey(m.pid, m.page), null);
      emit(
        c,
        'xa_erase',
        say`The driver allocates host frame ${m.dst} and drops page ${m.page} from ${d.name}'s device page table before copying it.`,
      );
    }
    emit(
      c,
      'copy_highpage',
      earlyErase
        ? say`copy_highpage copies page ${m.page} (value ${value}) from ${d.name} frame ${m.src.frame} to host frame ${m.dst}.`
        : say`The driver allocates host frame ${m.dst} and copies page ${m.page} (value ${value}) back from ${d.name} frame ${m.src.frame}.`,
    );
  }
  leave(c, saved);

  // Allocation stops at the first failure, so without one every page moved.
  const moved = oom ? list.filter((m) => m.dst >= 0) : list;
  saved = enter(c, pagesFn);
  emit(
    c,
    pagesFn,
    moved.length
      ? say`${pagesFn} makes the new host page${moved.length > 1 ? 's' : ''} take over ${moved.length > 1 ? 'their' : 'its'} mapping${moved.length > 1 ? 's' : ''}: from here there is no way back.`
      : say`${pagesFn} has nothing to move.`,
  );
  leave(c, saved);

  if (moved.length && !earlyErase) {
    for (const m of moved) setDevPte(c, dev, ptKey(m.pid, m.page), null);
    emit(
      c,
      'xa_erase',
      say`The ${d.name} driver drops ${moved.length === 1 ? say`page ${moved[0].page}` : say`${moved.length} pages`} from its device page table: its copy is about to be freed.`,
    );
  }

  saved = enter(c, finalizeFn);
  for (const m of list) {
    if (m.dst >= 0) {
      setPte(c, m.pid, m.page, backHome(m.src, m.dst));
      mapHostPage(c, m.dst);
      for (const o of m.others) {
        setPte(c, o.pid, o.page, backHome(o.src, m.dst));
        shareHostPage(c, m.dst);
      }
    } else {
      setPte(c, m.pid, m.page, m.src);
      for (const o of m.others) setPte(c, o.pid, o.page, o.src);
    }
    unlockDevPage(c, dev, m.src.frame);
  }
  bump(c, 'pagesToHost', moved.length);
  if (mode === 'evict' && moved.length) bump(c, 'pagesEvicted', moved.length);
  emit(
    c,
    finalizeFn,
    moved.length
      ? say`${finalizeFn} maps ${moved.length === 1 ? say`page ${moved[0].page}` : say`${moved.length} pages`} from host RAM again, writable only if the ${coherent ? 'old PTE' : 'device-private entry'} was, and unlocks; the device page${moved.length > 1 ? 's lose their' : ' loses its'} last mapping.`
      : say`${finalizeFn} restores the ${coherent ? 'present PTEs' : 'device-private entries'}: nothing moved.`,
  );
  for (const m of moved) {
    aboutPage(c, m.pid, m.page);
    for (let n = 0; n <= m.others.length; n++) putDevPage(c, dev, m.src.frame);
  }
  leave(c, saved);
  return { moved: moved.length, oom };
}
