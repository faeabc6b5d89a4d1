// FOLL_LONGTERM and coherent device memory (hmm-model-v2.md M.2): "coherent device memory must
// always allow eviction" (folio_is_longterm_pinnable), so check_and_migrate_movable_pages
// moves every coherent page of the call to host memory with migrate_device_coherent_folio,
// drops the call's other pins and sends __gup_longterm_locked round again (-EAGAIN).
import {
  aboutDevice,
  aboutPage,
  bump,
  emit,
  enter,
  leave,
  setDevPage,
  setPte,
  within,
  say,
  type Ctx,
} from '../ctx.ts';
import { lockDevPage, putDevPage, unlockDevPage } from '../driver/devmem.ts';
import { invalidateRange } from '../hmm/notifier.ts';
import { devPage, frameCodeFrame, frameCodeLoc, vPage, withState, type VPage } from '../state.ts';
import { allocHostPage, mapHostPage } from './hostPages.ts';

/** The one PTE that maps a coherent page a FOLL_WRITE pin has just grabbed. */
interface Mapper {
  pid: number;
  page: number;
  v: VPage;
}

/**
 * Moves the coherent pages among `codes` (frames just pinned) home and drops every pin of the
 * call. True when the caller should go round again (-EAGAIN), false when a migration failed
 * (-EBUSY: no host frame).
 */
export function migrateLongtermUnpinnable(
  c: Ctx,
  pid: number,
  start: number,
  codes: readonly number[],
  unpin: (code: number) => void,
): boolean {
  const coherent = codes.filter((code) => frameCodeLoc(code) >= 0);
  emit(
    c,
    'collect_longterm_unpinnable_folios',
    say`check_and_migrate_movable_pages: folio_is_longterm_pinnable() is false for ${coherent.length} of the ${codes.length} pinned page${codes.length > 1 ? 's' : ''}: coherent device memory must always allow eviction, so ${coherent.length > 1 ? 'they move' : 'it moves'} to host memory before a long-term pin may hold ${coherent.length > 1 ? 'them' : 'it'}.`,
  );
  return within(c, 'migrate_longterm_unpinnable_folios', () => {
    let ok = true;
    for (const [i, code] of codes.entries()) {
      if (frameCodeLoc(code) < 0 || !ok) {
        unpin(code);
        continue;
      }
      // gup_put_folio: the pin becomes the plain reference the migration holds.
      const loc = frameCodeLoc(code);
      const f = frameCodeFrame(code);
      const p = c.w.devices[loc].frames[f];
      setDevPage(c, loc, f, devPage(p.ref, p.zdd, p.locked, p.value, p.pins - 1));
      const pinner = { pid, page: start + i, v: c.w.procs[pid].pages[start + i] };
      ok = within(c, 'migrate_device_coherent_folio', () =>
        migrateCoherentFolio(c, loc, f, pinner),
      );
    }
    emit(
      c,
      'migrate_longterm_unpinnable_folios',
      ok
        ? say`Every other pin of this call is dropped (unpin_folio) and -EAGAIN sends __gup_longterm_locked round again: the second pass finds the pages in host memory, which may be pinned long-term.`
        : say`migrate_device_coherent_folio failed: every pin of this call is dropped and pin_user_pages returns -EBUSY.`,
    );
    return ok;
  });
}

/**
 * migrate_device_coherent_folio for frame f of device loc; false when no host frame is free.
 * The pinner's PTE is the page's only mapping: the pin faulted it in for write, which breaks any
 * COW sharing (fork copies a pinned page at once), and an anonymous page is mapped at one address.
 */
function migrateCoherentFolio(c: Ctx, loc: number, f: number, m: Mapper): boolean {
  const d = c.w.devices[loc];
  aboutDevice(c, loc, f);
  lockDevPage(c, loc, f);
  emit(
    c,
    'migrate_device_coherent_folio',
    say`migrate_device_coherent_folio locks ${d.name} frame ${f} (folio_lock); the kernel moves it itself, with no driver callback.`,
  );
  let saved = enter(c, 'migrate_device_unmap');
  // try_to_migrate walks the rmap; each try_to_migrate_one sends the MMU_NOTIFY_CLEAR itself.
  const unmap = enter(c, 'try_to_migrate');
  invalidateRange(c, m.pid, m.page, m.page + 1, 'CLEAR', -1);
  setPte(c, m.pid, m.page, withState(m.v, 'migration'));
  aboutPage(c, m.pid, m.page);
  emit(
    c,
    'try_to_migrate',
    say`try_to_migrate replaces the PTE mapping it with migration entries (MMU_NOTIFY_CLEAR revoked every device mirror of it).`,
  );
  leave(c, unmap);
  leave(c, saved);

  const value = d.frames[f].value;
  const dst = allocHostPage(c, value, true);
  if (dst < 0) {
    emit(
      c,
      'folio_alloc',
      say`No host frame is free for ${d.name} frame ${f}: the migration fails and the PTEs get their coherent frame back.`,
    );
    setPte(c, m.pid, m.page, m.v);
    unlockDevPage(c, loc, f);
    putDevPage(c, loc, f);
    return false;
  }
  emit(
    c,
    'folio_alloc',
    say`folio_alloc gives host frame ${dst}; migrate_device_pages and folio_copy copy the data (value ${value}) from ${d.name} frame ${f}.`,
  );
  saved = enter(c, 'migrate_device_finalize');
  setPte(c, m.pid, m.page, vPage(m.v.prot, m.v.shared, 'present', m.v.writable, dst, -1, -1));
  mapHostPage(c, dst);
  unlockDevPage(c, loc, f);
  bump(c, 'pagesToHost');
  bump(c, 'pinMigrations');
  emit(
    c,
    'migrate_device_finalize',
    say`migrate_device_finalize points the PTE at host frame ${dst}, writable as before, and drops ${d.name} frame ${f}'s references.`,
  );
  // The PTE's reference, then the one the migration held (the pin's, put back by gup_put_folio).
  putDevPage(c, loc, f);
  putDevPage(c, loc, f);
  leave(c, saved);
  return true;
}
