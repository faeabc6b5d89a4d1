// fork (flow J, format v2): the child gets a copy of every VMA. Private pages become
// copy-on-write: both sides map the same frame read-only (device-private entries too, sharing
// the device page); an exclusive entry is first restored to a normal one. Shared VMAs stay
// shared. Devices mirroring the parent are told with MMU_NOTIFY_PROTECTION_PAGE.
import {
  aboutPage,
  aboutProcess,
  addProc,
  emit,
  setDevPage,
  setExpect,
  setKeyed,
  setPte,
  within,
  say,
  type Ctx,
} from '../ctx.ts';
import { invalidateRange } from '../hmm/notifier.ts';
import { devPage, ptKey, vPage, type VPage } from '../state.ts';
import { pageAt, shareFrame } from './frames.ts';
import { allocHostPage, mapHostPage } from './hostPages.ts';

export function forkProcess(c: Ctx, pid: number): number {
  const child = Math.max(...Object.keys(c.w.procs).map(Number)) + 1;
  return within(c, 'kernel_clone', () => {
    addProc(c, child);
    emit(
      c,
      'kernel_clone',
      say`pid ${pid} forks: the child is pid ${child}, with a copy of every VMA.`,
    );
    const pages = c.w.procs[pid].pages;
    const keys = Object.keys(pages).map(Number);
    const cow = keys.filter((p) => !pages[p].shared && pages[p].state !== 'none');
    if (cow.length)
      invalidateRange(c, pid, Math.min(...cow), Math.max(...cow) + 1, 'PROTECTION_PAGE', -1);
    let shared = 0;
    for (const p of keys) {
      const v = pages[p];
      const written = c.w.expect[ptKey(pid, p)];
      if (pinnedAnon(c, v)) {
        // folio_try_dup_anon_rmap_pte refuses a maybe-DMA-pinned exclusive page:
        // copy_present_page gives the child its own copy now; the parent keeps its write bit.
        const f = allocHostPage(c, pageAt(c.w, v.loc, v.frame).value);
        if (f >= 0) {
          if (v.state === 'device-exclusive') restoreForCopy(c, pid, p, v);
          aboutPage(c, child, p);
          mapHostPage(c, f);
          setPte(c, child, p, vPage(v.prot, false, 'present', v.prot === 'rw', f, -1, -1));
          setExpect(c, ptKey(child, p), written);
          emit(
            c,
            'copy_present_page',
            say`Page ${p} is pinned (folio_maybe_dma_pinned), so fork cannot share it copy-on-write: copy_present_page copies it to host frame ${f} for pid ${child} at once, and pid ${pid} keeps its writable PTE to the pinned frame.`,
          );
          continue;
        }
      }
      const copy = copyPte(v);
      if (copy !== v) setPte(c, pid, p, copy);
      setPte(c, child, p, copy);
      setExpect(c, ptKey(child, p), written);
      setKeyed(c, 'shmem', ptKey(child, p), c.w.shmem[ptKey(pid, p)]);
      if (copy.state === 'present') shareFrame(c, copy.loc, copy.frame);
      if (copy.state === 'device-private') {
        const d = c.w.devices[copy.dev].frames[copy.frame];
        setDevPage(c, copy.dev, copy.frame, devPage(d.ref + 1, d.zdd, d.locked, d.value, d.pins));
      }
      if (copy.state !== 'none' && copy.state !== 'zero') shared++;
    }
    aboutProcess(c, pid);
    emit(
      c,
      'copy_page_range',
      say`copy_page_range copies pid ${pid}'s page table into pid ${child}: ${shared} populated page${shared === 1 ? ' is' : 's are'} now shared, private ones write-protected on both sides so the first write copies (COW); device-private entries are shared read-only.`,
    );
    return child;
  });
}

/** The entry both parent and child hold after fork. */
function copyPte(v: VPage): VPage {
  if (v.shared) return v;
  switch (v.state) {
    case 'present':
    case 'device-private':
      return v.writable ? vPage(v.prot, v.shared, v.state, false, v.frame, v.dev, v.loc) : v;
    case 'device-exclusive':
      // The exclusive entry is restored (the PROTECTION_PAGE call already revoked the device's
      // atomic mapping) and then shared like any present page.
      return vPage(v.prot, v.shared, 'present', false, v.frame, -1, v.loc);
    default:
      return v;
  }
}

/** A private present page with a pin: fork copies it at once instead of sharing it — also
 *  behind a device-exclusive entry, which copy_nonpresent_pte restores to copy as present. */
function pinnedAnon(c: Ctx, v: VPage): boolean {
  if (v.shared || (v.state !== 'present' && v.state !== 'device-exclusive')) return false;
  return pageAt(c.w, v.loc, v.frame).pins > 0;
}

/** copy_nonpresent_pte: try_restore_exclusive_pte puts the page back in the parent's table
 *  (the PROTECTION_PAGE call already revoked the device's atomic mapping), then -ENOENT makes
 *  copy_pte_range copy it as a present page. */
function restoreForCopy(c: Ctx, pid: number, page: number, v: VPage): void {
  setPte(c, pid, page, vPage(v.prot, false, 'present', v.writable, v.frame, -1, v.loc));
  emit(
    c,
    'try_restore_exclusive_pte',
    say`Page ${page} is device-exclusive for ${c.w.devices[v.dev].name}: copy_nonpresent_pte restores pid ${pid}'s normal PTE first, so the page can be copied as a present one.`,
  );
}
