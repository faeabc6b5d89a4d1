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
import { allocHostPage, mapHostPage, setHostLocked, shareHostPage } from './hostPages.ts';

interface Mapper {
  pid: number;
  page: number;
  v: VPage;
}

/** The rmap walk: every present entry mapping frame `frame` of device `loc`. */
function mappersOf(c: Ctx, loc: number, frame: number): Mapper[] {
  const out: Mapper[] = [];
  for (const pid in c.w.procs) {
    const pages = c.w.procs[pid].pages;
    for (const page in pages) {
      const v = pages[page];
      if (
        v.loc === loc &&
        v.frame === frame &&
        (v.state === 'present' || v.state === 'device-exclusive')
      )
        out.push({ pid: Number(pid), page: Number(page), v });
    }
  }
  return out;
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

/** migrate_device_coherent_folio for frame f of device loc; false when no host frame is free. */
function migrateCoherentFolio(c: Ctx, loc: number, f: number, pinner: Mapper): boolean {
  const d = c.w.devices[loc];
  aboutDevice(c, loc, f);
  lockDevPage(c, loc, f);
  emit(
    c,
    'migrate_device_coherent_folio',
    say`migrate_device_coherent_folio locks ${d.name} frame ${f} (folio_lock); the kernel moves it itself, with no driver callback.`,
  );
  // The rmap walk, short-cut when the pinner's PTE is the only mapping (refcount = that
  // mapping, the other pins and the reference the migration holds).
  const p = d.frames[f];
  const mappers = p.ref - p.pins - 1 <= 1 ? [pinner] : mappersOf(c, loc, f);
  let saved = enter(c, 'migrate_device_unmap');
  // try_to_migrate walks the rmap; each try_to_migrate_one sends the MMU_NOTIFY_CLEAR itself.
  const unmap = enter(c, 'try_to_migrate');
  for (const m of mappers) invalidateRange(c, m.pid, m.page, m.page + 1, 'CLEAR', -1);
  for (const m of mappers) setPte(c, m.pid, m.page, withState(m.v, 'migration'));
  if (mappers.length === 1) aboutPage(c, mappers[0].pid, mappers[0].page);
  emit(
    c,
    'try_to_migrate',
    say`try_to_migrate replaces the PTE${mappers.length === 1 ? '' : 's'} mapping it with migration entries (MMU_NOTIFY_CLEAR revoked every device mirror of it).`,
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
    for (const m of mappers) setPte(c, m.pid, m.page, m.v);
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
  for (const [i, m] of mappers.entries()) {
    setPte(c, m.pid, m.page, vPage(m.v.prot, m.v.shared, 'present', m.v.writable, dst, -1, -1));
    if (i === 0) mapHostPage(c, dst);
    else shareHostPage(c, dst);
  }
  if (mappers.length === 0) setHostLocked(c, dst, false);
  unlockDevPage(c, loc, f);
  bump(c, 'pagesToHost');
  bump(c, 'pinMigrations');
  emit(
    c,
    'migrate_device_finalize',
    say`migrate_device_finalize points the PTE${mappers.length === 1 ? '' : 's'} at host frame ${dst}, writable as before, and drops ${d.name} frame ${f}'s references.`,
  );
  for (let n = 0; n <= mappers.length; n++) putDevPage(c, loc, f);
  leave(c, saved);
  return true;
}
