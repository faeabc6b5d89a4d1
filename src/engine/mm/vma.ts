// mmap, munmap and mprotect over anonymous memory. A VMA is stored per page (prot, shared);
// the invalidation each sends is one per device per operation (scenario-format.md counters),
// for mprotect one per run of consecutive pages whose protection changes.
import {
  aboutDevice,
  aboutPage,
  emit,
  setExpect,
  setKeyed,
  setPte,
  within,
  say,
  type Ctx,
} from '../ctx.ts';
import { putDevPage } from '../driver/devmem.ts';
import { invalidateRange, pagesText } from '../hmm/notifier.ts';
import type { Prot } from '../../scenario/types.ts';
import { ptKey, vPage, type VPage } from '../state.ts';
import { sharers } from './frames.ts';
import { unmapHostPage } from './hostPages.ts';
import { leaveShmem, newShmem } from './shmem.ts';

export function munmapRange(c: Ctx, pid: number, start: number, end: number): void {
  const pages = c.w.procs[pid].pages;
  const mapped: number[] = [];
  for (let p = start; p < end; p++) if (pages[p]) mapped.push(p);
  within(c, 'do_vmi_munmap', () => {
    if (!mapped.length) {
      emit(
        c,
        'do_vmi_munmap',
        say`Nothing is mapped in ${pagesText(start, end)}: munmap has nothing to do.`,
      );
      return;
    }
    invalidateRange(c, pid, start, end, 'UNMAP', -1);
    const devicePages: [number, VPage][] = [];
    let freed = 0;
    for (const p of mapped) {
      const v = pages[p];
      setPte(c, pid, p, null);
      setExpect(c, ptKey(pid, p), undefined);
      if ((v.state === 'present' || v.state === 'device-exclusive') && v.loc < 0) {
        if (unmapHostPage(c, v.frame)) freed++;
      } else if (v.state === 'device-private' || v.loc >= 0) devicePages.push([p, v]);
      if (leaveShmem(c, pid, p)) freed++;
    }
    emit(
      c,
      'zap_pte_range',
      say`The CPU PTEs of ${mapped.length} page${mapped.length > 1 ? 's' : ''} are cleared and the VMA goes away${freed ? say`; ${freed} host frame${freed > 1 ? 's are' : ' is'} freed` : ''}${devicePages.length ? say`; ${devicePages.length} ${devicePages.some(([, v]) => v.loc >= 0) ? 'device' : 'device-private'} entr${devicePages.length > 1 ? 'ies drop their' : 'y drops its'} reference to device memory` : ''}.`,
    );
    for (const [p, v] of devicePages) {
      aboutPage(c, pid, p);
      aboutDevice(c, v.loc >= 0 ? v.loc : v.dev, v.frame);
      putDevPage(c, v.loc >= 0 ? v.loc : v.dev, v.frame);
    }
  });
}

export function mmapRange(
  c: Ctx,
  pid: number,
  start: number,
  end: number,
  prot: Prot,
  shared: boolean,
): void {
  within(c, 'do_mmap', () => {
    const pages = c.w.procs[pid].pages;
    let overlaps = false;
    for (let p = start; p < end && !overlaps; p++) overlaps = !!pages[p];
    if (overlaps) {
      emit(
        c,
        'do_mmap',
        say`${pagesText(start, end)} overlap an existing mapping: MAP_FIXED unmaps the old pages first.`,
      );
      munmapRange(c, pid, start, end);
    }
    const fresh: VPage = {
      prot,
      shared,
      state: 'none',
      writable: false,
      frame: -1,
      dev: -1,
      loc: -1,
    };
    const obj = shared ? newShmem(c) : undefined;
    for (let p = start; p < end; p++) {
      setPte(c, pid, p, fresh);
      setKeyed(c, 'shmem', ptKey(pid, p), obj);
    }
    emit(
      c,
      'do_mmap',
      say`A new ${shared ? 'shared' : 'private'} anonymous VMA covers ${pagesText(start, end)} with PROT_${prot === 'rw' ? 'READ|PROT_WRITE' : prot === 'r' ? 'READ' : 'NONE'}; no page is populated until it is touched.`,
    );
  });
}

/** Returns 'ENOMEM' when the range runs into a hole (after changing the pages before it). */
export function mprotectRange(c: Ctx, pid: number, start: number, end: number, prot: Prot) {
  return within(c, 'do_mprotect_pkey', () => {
    const pages = c.w.procs[pid].pages;
    let hole = start;
    while (hole < end && pages[hole]) hole++;
    if (hole === start) {
      aboutPage(c, pid, start);
      emit(
        c,
        'do_mprotect_pkey',
        say`Page ${start} is not mapped: mprotect fails with ENOMEM and changes nothing.`,
      );
      return 'ENOMEM' as const;
    }
    // mprotect_fixup per run: a run that already has the new protection returns early.
    for (let run = start; run < hole;) {
      const same = pages[run].prot === prot;
      let next = run + 1;
      while (next < hole && (pages[next].prot === prot) === same) next++;
      if (same) keepProtection(c, run, next, prot);
      else changeProtection(c, pid, run, next, prot);
      run = next;
    }
    if (hole < end) {
      aboutPage(c, pid, hole);
      emit(
        c,
        'do_mprotect_pkey',
        say`Page ${hole} is not mapped: mprotect stops there with ENOMEM, keeping the change before the hole.`,
      );
      return 'ENOMEM' as const;
    }
    return 'ok' as const;
  });
}

const PROT_NAME: Record<Prot, string> = {
  none: 'PROT_NONE',
  r: 'PROT_READ',
  rw: 'PROT_READ|PROT_WRITE',
};

function keepProtection(c: Ctx, start: number, end: number, prot: Prot): void {
  emit(
    c,
    'mprotect_fixup',
    say`${pagesText(start, end)} already ${end - start === 1 ? 'has' : 'have'} ${PROT_NAME[prot]}: mprotect_fixup returns early, with no notifier call and no PTE touched.`,
  );
}

function changeProtection(c: Ctx, pid: number, start: number, end: number, prot: Prot): void {
  const pages = c.w.procs[pid].pages;
  invalidateRange(c, pid, start, end, 'PROTECTION_VMA', -1);
  for (let p = start; p < end; p++) {
    const v = pages[p];
    let writable = v.writable;
    if (prot !== 'rw') writable = false;
    else if (v.state === 'present') {
      // Pins are not sharers (a pinned anonymous page stays exclusive).
      writable = v.shared || sharers(c.w, v.loc, v.frame) === 1;
    }
    setPte(c, pid, p, vPage(prot, v.shared, v.state, writable, v.frame, v.dev, v.loc));
  }
  emit(
    c,
    'change_protection',
    prot === 'rw'
      ? say`${pagesText(start, end)} become PROT_READ|PROT_WRITE: present pages this process alone maps get their write bit back at once; device-private and exclusive entries are never upgraded here, only by a later fault.`
      : say`${pagesText(start, end)} become PROT_${prot === 'r' ? 'READ' : 'NONE'}: every write bit in the range is cleared, device-private entries included.`,
  );
}
