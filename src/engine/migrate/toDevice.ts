// Flow B: migrate_vma_setup(MIGRATE_VMA_SELECT_SYSTEM) → driver alloc and copy →
// migrate_vma_pages → driver maps → migrate_vma_finalize, for pages of one process.
import { aboutPage, bump, emit, setDevPte, setPte, within, say, type Ctx } from '../ctx.ts';
import { allocDevPage, unlockDevPage, zddSaid } from '../driver/devmem.ts';
import { invalidateRange, pagesText } from '../hmm/notifier.ts';
import { freeHostPage, setHostLocked } from '../mm/hostPages.ts';
import { ptKey, vPage, withState, type VPage } from '../state.ts';
import { presentPins, sayPinnedSkip } from './pinSkip.ts';

interface Candidate {
  page: number;
  src: VPage;
  dst: number;
}

function collect(c: Ctx, pid: number, start: number, end: number): Candidate[] {
  const pages = c.w.procs[pid].pages;
  const out: Candidate[] = [];
  for (let p = start; p < end; p++) {
    const v = pages[p];
    if (!v || v.shared) continue;
    // Pages in any device's memory (coherent ones are present too) are not SELECT_SYSTEM's;
    // a page shared since fork or pinned (folio_try_share_anon_rmap_pte refuses it) stays.
    if (v.state === 'present' && (v.loc >= 0 || c.w.hostFrames[v.frame].ref > 1)) continue;
    if (v.state === 'none' || v.state === 'zero' || v.state === 'present')
      // Stryker disable next-line UnaryOperator: dst is a placeholder; the alloc step sets every candidate's dst (allocDevPage) before anything reads it
      out.push({ page: p, src: v, dst: -1 });
  }
  return out;
}

/** Returns the number of pages that moved. */
export function migrateToDevice(c: Ctx, dev: number, pid: number, start: number, end: number) {
  const d = c.w.devices[dev];
  const name = d.name;
  const sel = within(c, 'migrate_vma_setup', () => {
    const sel = collect(c, pid, start, end);
    const skipped = end - start - sel.length;
    emit(
      c,
      'migrate_vma_setup',
      say`migrate_vma_setup walks ${pagesText(start, end)} with MIGRATE_VMA_SELECT_SYSTEM and collects ${sel.length} migratable page${sel.length === 1 ? '' : 's'}${skipped ? say`; ${skipped} cannot move (shared anonymous memory, shared with a forked process or pinned, already in device memory, or exclusive)` : ''}. Untouched and zero pages need no source page: the device gets a zero-filled one.`,
    );
    // A pinned host page (only @2 has pins) is left in place at its own waypoint.
    const pages = c.w.procs[pid].pages;
    for (let p = start; p < end; p++) {
      const v = pages[p];
      if (v && !v.shared && v.loc < 0 && presentPins(c, v) > 0)
        sayPinnedSkip(c, pid, p, v, 'migrate_vma_collect_pmd');
    }
    let locked = 0;
    for (const s of sel) {
      if (s.src.state !== 'present') continue;
      setHostLocked(c, s.src.frame, true);
      locked++;
    }
    if (locked)
      emit(
        c,
        'migrate_vma_setup',
        say`The ${locked} source page${locked > 1 ? 's are' : ' is'} locked so nothing else can change ${locked > 1 ? 'them' : 'it'} while the data moves.`,
      );
    invalidateRange(c, pid, start, end, 'MIGRATE', dev);
    // The pages just locked are the ones unmapped.
    for (const s of sel)
      if (s.src.state === 'present') setPte(c, pid, s.page, withState(s.src, 'migration'));
    if (locked)
      emit(
        c,
        'migrate_vma_setup',
        say`The CPU PTEs become migration entries: a CPU touch now waits for the migration instead of seeing a half-copied page.`,
      );
    return sel;
  });

  within(c, 'dmirror_migrate_alloc_and_copy', () => {
    for (const s of sel) {
      aboutPage(c, pid, s.page);
      const value = s.src.state === 'present' ? c.w.hostFrames[s.src.frame].value : 0;
      const failing = d.failNextAlloc;
      s.dst = allocDevPage(c, dev, pid, s.page, value);
      if (s.dst < 0) {
        emit(
          c,
          'dmirror_devmem_alloc_page',
          failing
            ? say`Allocation of a ${name} page for page ${s.page} fails (fail_next_alloc): that page stays where it is.`
            : say`${name} has no free frame left for page ${s.page}: that page is skipped and stays where it is.`,
        );
        continue;
      }
      emit(
        c,
        'dmirror_migrate_alloc_and_copy',
        say`The driver takes ${name} frame ${s.dst} off its free list, sets zone_device_data = "${zddSaid(name, pid, s.page)}" and ${s.src.state === 'present' ? say`copies page ${s.page} (value ${value}) from host frame ${s.src.frame}` : say`zero-fills it for untouched page ${s.page}`}.`,
      );
    }
  });

  const moved = sel.filter((s) => s.dst >= 0);
  const coherent = d.memory === 'coherent';
  within(c, 'migrate_vma_pages', () => {
    for (const s of moved)
      if (s.src.state !== 'present')
        setPte(c, pid, s.page, {
          prot: s.src.prot,
          shared: false,
          // migrate_vma_insert_page: mk_pte for coherent memory, a device-private entry else.
          state: coherent ? 'present' : 'device-private',
          writable: s.src.prot === 'rw',
          frame: s.dst,
          dev: coherent ? -1 : dev,
          loc: coherent ? dev : -1,
        });
    emit(
      c,
      'migrate_vma_pages',
      moved.length
        ? say`migrate_vma_pages makes the ${name} page${moved.length > 1 ? 's' : ''} replace the old one${moved.length > 1 ? 's' : ''} for ${moved.length} page${moved.length > 1 ? 's' : ''}: the point of no return.`
        : say`migrate_vma_pages has nothing to move: no page got a device frame.`,
    );
  });

  within(c, 'dmirror_migrate_finalize_and_map', () => {
    for (const s of moved) {
      const writable = s.src.state === 'present' ? s.src.writable : s.src.prot === 'rw';
      setDevPte(c, dev, ptKey(pid, s.page), {
        target: 'dev',
        frame: s.dst,
        writable,
        atomic: false,
        loc: dev,
      });
    }
    if (moved.length)
      emit(
        c,
        'dmirror_migrate_finalize_and_map',
        say`${name} maps the new pages in its own page table, so the device can use them at once.`,
      );
  });

  within(c, 'migrate_vma_finalize', () => {
    for (const s of sel) {
      if (s.src.state !== 'present') continue;
      if (s.dst < 0) {
        setPte(c, pid, s.page, s.src);
        setHostLocked(c, s.src.frame, false);
        continue;
      }
      setPte(
        c,
        pid,
        s.page,
        coherent
          ? vPage(s.src.prot, s.src.shared, 'present', s.src.writable, s.dst, -1, dev)
          : vPage(s.src.prot, s.src.shared, 'device-private', s.src.writable, s.dst, dev, -1),
      );
      freeHostPage(c, s.src.frame);
    }
    for (const s of moved) unlockDevPage(c, dev, s.dst);
    bump(c, 'pagesToDevice', moved.length);
    emit(
      c,
      'migrate_vma_finalize',
      moved.length && coherent
        ? say`migrate_vma_finalize (remove_migration_ptes) gives ${moved.length} page${moved.length > 1 ? 's' : ''} ordinary present PTEs to ${name}'s coherent frames, writable as before; the CPU can load and store them directly. It unlocks everything and frees the old host frames.`
        : moved.length
          ? say`migrate_vma_finalize turns the CPU entries of ${moved.length} page${moved.length > 1 ? 's' : ''} into device-private entries pointing at ${name}, unlocks everything and frees the old host frames; pages that did not move get their old PTE back.`
          : say`migrate_vma_finalize restores every PTE and unlocks the pages: nothing moved.`,
    );
  });
  return moved.length;
}
