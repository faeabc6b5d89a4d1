// pin_user_pages / unpin_user_pages (hmm-model-v2.md flows M and N): FOLL_PIN references that
// belong to frames, not to addresses. A pin holds one reference of the frame (the kernel adds
// GUP_PIN_COUNTING_BIAS per pin, which is what folio_maybe_dma_pinned() sees).
import {
  aboutDevice,
  aboutPage,
  bump,
  emit,
  setDevPage,
  setHost,
  setKeyed,
  within,
  say,
  type Ctx,
} from '../ctx.ts';
import { putDevPage } from '../driver/devmem.ts';
import type { Status } from '../result.ts';
import {
  devPage,
  frameCode,
  frameCodeFrame,
  frameCodeLoc,
  hostPage,
  pinHandleCount,
  pinHandleEntry,
  pinKey,
  type VPage,
} from '../state.ts';
import { pagesText } from '../hmm/notifier.ts';
import { faultIn } from './fault.ts';
import { migrateLongtermUnpinnable } from './gupLongterm.ts';
import { freeHostPage } from './hostPages.ts';

export const GUP_PIN_COUNTING_BIAS = 1024;

export interface PinResult {
  status: Status;
  pinned: number;
  /** The handle, when pinned > 0. */
  pin?: number;
}

/** A PTE follow_page_mask accepts for FOLL_WRITE: present (any memory) and writable. */
const followable = (v: VPage | undefined) => !!v && v.state === 'present' && v.writable;

/** try_grab_folio(FOLL_PIN) / gup_put_folio on one frame: pins and references ±1. */
export function grabPin(c: Ctx, code: number, by: 1 | -1): void {
  const loc = frameCodeLoc(code);
  const f = frameCodeFrame(code);
  if (loc < 0) {
    const p = c.w.hostFrames[f];
    if (p.ref + by === 0) return freeHostPage(c, f);
    setHost(c, f, hostPage(p.ref + by, p.map, p.locked, p.value, p.pins + by));
    return;
  }
  const p = c.w.devices[loc].frames[f];
  if (by === -1 && p.ref === 1) {
    // The last reference: the pin goes, then page_free (free_zone_device_folio).
    setDevPage(c, loc, f, devPage(p.ref, p.zdd, p.locked, p.value, 0));
    return putDevPage(c, loc, f);
  }
  setDevPage(c, loc, f, devPage(p.ref + by, p.zdd, p.locked, p.value, p.pins + by));
}

/** The frame a present entry maps, as a frame code. */
const codeOf = (v: VPage) => frameCode(v.loc, v.frame);

/**
 * __get_user_pages: page by page, check the VMA, follow the page or fault it in for write,
 * then pin it. Returns the frames pinned and the errno of the page that stopped it.
 */
function getUserPages(c: Ctx, pid: number, start: number, end: number) {
  return within(c, '__get_user_pages', () => {
    const codes: number[] = [];
    let status: Status = 'ok';
    const pages = c.w.procs[pid].pages;
    for (let p = start; p < end; p++) {
      const v = pages[p];
      aboutPage(c, pid, p);
      aboutDevice(c, -1);
      if (!v || v.prot !== 'rw') {
        emit(
          c,
          'check_vma_flags',
          say`${!v ? say`No VMA covers page ${p}` : say`Page ${p}'s VMA is ${v.prot === 'none' ? 'PROT_NONE' : 'read-only'}`}, and the pin asks for write access (FOLL_WRITE): EFAULT.`,
        );
        status = 'EFAULT';
        break;
      }
      if (!followable(v)) {
        emit(
          c,
          'faultin_page',
          say`follow_page_mask finds no writable page at ${p}: faultin_page calls handle_mm_fault with FAULT_FLAG_WRITE on the pinner's behalf, exactly as a CPU write would fault it in (not counted as a CPU fault).`,
        );
        const r = within(c, 'faultin_page', () => faultIn(c, pid, p, true, 'faultin_page'));
        if (r !== 'ok') {
          status = r;
          break;
        }
      }
      const now = pages[p];
      const code = codeOf(now);
      // Stryker disable next-line ConditionalExpression,EqualityOperator,UnaryOperator: the frame beside device -1 (a host page) is never shown: subjectOf reports a frame only with a device, and nothing sets one without the other
      aboutDevice(c, now.loc, now.loc < 0 ? -1 : now.frame);
      grabPin(c, code, 1);
      const pins =
        now.loc < 0 ? c.w.hostFrames[now.frame].pins : c.w.devices[now.loc].frames[now.frame].pins;
      const where =
        now.loc < 0
          ? say`host frame ${now.frame}`
          : say`${c.w.devices[now.loc].name} frame ${now.frame}`;
      emit(
        c,
        'try_grab_folio',
        say`follow_page_mask finds page ${p} present and writable in ${where}; try_grab_folio with FOLL_PIN adds GUP_PIN_COUNTING_BIAS (${GUP_PIN_COUNTING_BIAS}) to its refcount: pin count ${pins}.`,
      );
      codes.push(code);
    }
    return { codes, status };
  });
}

/** pin_user_pages(FOLL_WRITE [| FOLL_LONGTERM]) over [start, end) of pid. */
export function pinUserPages(
  c: Ctx,
  pid: number,
  start: number,
  end: number,
  longterm: boolean,
): PinResult {
  return within(c, '__gup_longterm_locked', () => {
    emit(
      c,
      '__gup_longterm_locked',
      longterm
        ? say`pin_user_pages(${pagesText(start, end)}, FOLL_WRITE | FOLL_LONGTERM): a long-term pin, as RDMA or VFIO take, must not hold memory that has to stay movable.`
        : say`pin_user_pages(${pagesText(start, end)}, FOLL_WRITE): a short-term pin, as a DMA that completes soon takes.`,
    );
    for (;;) {
      const r = within(c, '__get_user_pages_locked', () => getUserPages(c, pid, start, end));
      if (!longterm || r.codes.every((code) => frameCodeLoc(code) < 0))
        return finish(c, r.codes, r.status, longterm);
      const unpin = (code: number) => grabPin(c, code, -1);
      if (
        !within(c, 'check_and_migrate_movable_pages', () =>
          migrateLongtermUnpinnable(c, pid, start, r.codes, unpin),
        )
      )
        return { status: 'EBUSY', pinned: 0 };
    }
  });
}

/** Hands out the next handle for the pages pinned (none for nothing pinned). */
function finish(c: Ctx, codes: number[], status: Status, longterm: boolean): PinResult {
  if (codes.length === 0) return { status, pinned: 0 };
  const handle = (c.w.pinHandles[0] ?? 0) + 1;
  setKeyed(c, 'pinHandles', 0, handle);
  setKeyed(c, 'pinHandles', handle, pinHandleEntry(codes.length, longterm));
  codes.forEach((code, i) => setKeyed(c, 'pinFrames', pinKey(handle, i), code));
  bump(c, 'pagesPinned', codes.length);
  emit(
    c,
    'pin_user_pages',
    say`${codes.length} page${codes.length > 1 ? 's are' : ' is'} pinned${status === 'ok' ? '' : say` before the failing page (the kernel returns the short count)`}: pin handle ${handle}.`,
  );
  return { status, pinned: codes.length, pin: handle };
}

/** unpin_user_pages on every page of a handle. */
export function unpinUserPages(c: Ctx, handle: number): Status {
  return within(c, 'unpin_user_pages', () => {
    const entry = c.w.pinHandles[handle];
    if (entry === undefined || handle < 1) {
      emit(
        c,
        'unpin_user_pages',
        say`Pin handle ${handle} ${handle <= (c.w.pinHandles[0] ?? 0) ? 'was already released' : 'was never returned'}: EINVAL.`,
      );
      return 'EINVAL';
    }
    const count = pinHandleCount(entry);
    let freed = 0;
    for (let i = 0; i < count; i++) {
      const code = c.w.pinFrames[pinKey(handle, i)];
      const loc = frameCodeLoc(code);
      const f = frameCodeFrame(code);
      const last = loc < 0 ? c.w.hostFrames[f].ref === 1 : c.w.devices[loc].frames[f].ref === 1;
      grabPin(c, code, -1);
      if (last) freed++;
      setKeyed(c, 'pinFrames', pinKey(handle, i), undefined);
    }
    setKeyed(c, 'pinHandles', handle, undefined);
    emit(
      c,
      'gup_put_folio',
      say`unpin_user_pages drops pin handle ${handle}: each of its ${count} frame${count > 1 ? 's' : ''} loses one pin (GUP_PIN_COUNTING_BIAS)${freed ? say`; ${freed} frame${freed > 1 ? 's' : ''} that nothing else referenced ${freed > 1 ? 'are' : 'is'} freed` : ''}.`,
    );
    return 'ok';
  });
}
