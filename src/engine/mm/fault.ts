// handle_mm_fault for one page, as the CPU takes it (counted in cpuFaults) or as
// hmm_range_fault / make_device_exclusive take it on a device's behalf (not counted).
import { aboutDevice, aboutPage, bump, emit, enter, leave, setPte, say, type Ctx } from '../ctx.ts';
import { invalidateRange } from '../hmm/notifier.ts';
import { migrateToHost } from '../migrate/toHost.ts';
import { vPage, type VPage } from '../state.ts';
import { svmMigrateToRam } from '../svm/toRam.ts';
import type { Said } from '../store/say.ts';
import { frameName, pageAt, sharers, unmapFrame } from './frames.ts';
import { allocHostPage, mapHostPage, shareHostPage } from './hostPages.ts';
import { cachedFrame, cachePage, shmemOf } from './shmem.ts';

export type FaultStatus = 'ok' | 'EFAULT' | 'ENOMEM';

/** Whether the access can complete without a fault. */
export function accessOk(v: VPage | undefined, write: boolean): boolean {
  if (!v || v.prot === 'none') return false;
  // The MMU reads the PTE alone: a write bit exists only in a PROT_READ|PROT_WRITE VMA (faults
  // set it after checking the VMA; mprotect to anything else clears it).
  if (write) return v.state === 'present' && v.writable;
  return v.state === 'present' || v.state === 'zero';
}

/**
 * Faults pid/page in until the access can complete. `by` is 'cpu' for a CPU access, else the
 * name of the kernel path faulting on a device's behalf.
 */
export function faultIn(c: Ctx, pid: number, page: number, write: boolean, by: string) {
  // Stryker disable next-line UpdateOperator: `round--` (no cap) is equivalent: the cap is never reached. A fault that succeeds moves the entry on (none -> zero or present, zero or read-only -> writable, device-private or exclusive -> present), two faults at most (a write to a device-private page fork shares: migrate_to_ram, then wp_page_copy)
  for (let round = 0; round !== 4; round++) {
    if (accessOk(c.w.procs[pid].pages[page], write)) return 'ok';
    const r = handleMmFault(c, pid, page, write, by);
    if (r !== 'ok') return r;
  }
  return 'EFAULT';
}

function handleMmFault(c: Ctx, pid: number, page: number, write: boolean, by: string) {
  const saved = enter(c, 'handle_mm_fault');
  aboutPage(c, pid, page);
  const r = mmFault(c, pid, page, write, by);
  leave(c, saved);
  return r;
}

/** The body of handle_mm_fault (a function of its own so every return leaves the path). */
function mmFault(c: Ctx, pid: number, page: number, write: boolean, by: string): FaultStatus {
  const cpu = by === 'cpu';
  const who = cpu
    ? say`The CPU ${write ? 'writes' : 'reads'} page ${page}`
    : say`${by} needs page ${page}${write ? ' writable' : ''}`;
  if (cpu) bump(c, 'cpuFaults');
  const v = c.w.procs[pid].pages[page];
  if (!v || v.prot === 'none' || (write && v.prot !== 'rw')) {
    emit(
      c,
      'handle_mm_fault',
      say`${who}, but ${!v ? 'no VMA covers it' : say`its VMA is ${v.prot === 'none' ? 'PROT_NONE' : 'read-only'}`}: the fault fails with EFAULT${cpu ? ' (the process would get SIGSEGV)' : ''}.`,
    );
    return 'EFAULT';
  }
  emit(
    c,
    'handle_mm_fault',
    say`${who}, but its PTE (${describe(v)}) does not allow that: a page fault.`,
  );
  switch (v.state) {
    case 'none':
      return faultNone(c, pid, page, v, write);
    case 'zero':
      return wpPageCopy(c, pid, page, v);
    case 'present':
      // Pins are not sharers: a pinned anonymous page stays exclusive (PageAnonExclusive).
      if (v.loc >= 0) aboutDevice(c, v.loc, v.frame);
      if (!v.shared && sharers(c.w, v.loc, v.frame) > 1) return wpPageCopy(c, pid, page, v);
      setPte(c, pid, page, vPage(v.prot, v.shared, v.state, true, v.frame, v.dev, v.loc));
      emit(
        c,
        v.shared ? 'wp_page_shared' : 'wp_page_reuse',
        v.loc < 0
          ? say`Page ${page} belongs to this process alone, so the write fault just sets the write bit in place: no copy and no notifier call.`
          : say`Page ${page} belongs to this process alone, so the write fault just sets the write bit in place: it stays in ${c.w.devices[v.loc].name}'s coherent memory, no copy and no notifier call.`,
      );
      return 'ok';
    case 'device-private': {
      const saved = enter(c, 'do_swap_page');
      aboutDevice(c, v.dev, v.frame);
      emit(
        c,
        'do_swap_page',
        say`do_swap_page finds a device-private entry: the data lives in ${c.w.devices[v.dev].name}'s memory, which the CPU cannot address, so the kernel calls the page's pgmap->ops->migrate_to_ram.`,
      );
      const r = migrateToRam(c, pid, page, v.dev);
      leave(c, saved);
      return r;
    }
    case 'device-exclusive': {
      const saved = enter(c, 'do_swap_page');
      aboutDevice(c, v.dev);
      const r = restoreExclusive(c, pid, page, v);
      leave(c, saved);
      return r;
    }
    default:
      return 'EFAULT';
  }
}

function describe(v: VPage): Said | string {
  if (v.state === 'none') return 'not populated';
  if (v.state === 'zero') return 'mapped read-only to the zero page';
  return say`${v.state}${v.writable ? ', writable' : ', read-only'}`;
}

function faultNone(c: Ctx, pid: number, page: number, v: VPage, write: boolean): FaultStatus {
  if (v.shared) return faultShmem(c, pid, page, v, write);
  if (!write) {
    setPte(c, pid, page, vPage(v.prot, v.shared, 'zero', false, -1, v.dev, -1));
    emit(
      c,
      'do_anonymous_page',
      say`A read of untouched anonymous memory maps the shared zero page read-only: no memory is spent until someone writes.`,
    );
    return 'ok';
  }
  const f = allocHostPage(c, 0);
  if (f < 0) {
    emit(
      c,
      'do_anonymous_page',
      say`No host frame is free for page ${page}: the fault fails (ENOMEM).`,
    );
    return 'ENOMEM';
  }
  mapHostPage(c, f);
  setPte(c, pid, page, vPage(v.prot, v.shared, 'present', true, f, -1, -1));
  emit(
    c,
    'do_anonymous_page',
    say`The kernel allocates host frame ${f}, zero-filled, and maps page ${page} writable.`,
  );
  return 'ok';
}

/** shmem_fault: the page from the object's page cache, put there by the first touch. */
function faultShmem(c: Ctx, pid: number, page: number, v: VPage, write: boolean): FaultStatus {
  const obj = shmemOf(c, pid, page);
  if (obj === undefined)
    // Stryker disable next-line StringLiteral: the message of a guard no run reaches: mmap and fork put every page of a shared VMA in a shmem object, and only munmap, clearing the PTE too, takes it out
    throw new Error(`pid ${pid} page ${page} is shared but in no shmem object`);
  let f = cachedFrame(c, obj, page);
  const found = f >= 0;
  if (!found) {
    f = allocHostPage(c, 0);
    if (f < 0) {
      emit(
        c,
        'shmem_fault',
        say`No host frame is free for page ${page}: the fault fails (ENOMEM).`,
      );
      return 'ENOMEM';
    }
    cachePage(c, obj, page, f);
  }
  shareHostPage(c, f);
  const writable = write || v.prot === 'rw';
  setPte(c, pid, page, vPage(v.prot, v.shared, 'present', writable, f, -1, -1));
  emit(
    c,
    'shmem_fault',
    found
      ? say`Page ${page} is shared memory another process has touched: shmem_fault finds host frame ${f} in the object's page cache and maps that same frame, data and all.`
      : write
        ? say`Shared anonymous memory is shmem: the first touch allocates host frame ${f} in the object's page cache, which keeps a reference of its own, and maps it here.`
        : say`Shared anonymous memory is shmem: even a read allocates a real page, host frame ${f}, never the zero page. The object's page cache keeps a reference of its own.`,
  );
  return 'ok';
}

/** Copy-on-write: the zero page, or a page still shared with another process after fork. */
function wpPageCopy(c: Ctx, pid: number, page: number, v: VPage): FaultStatus {
  const saved = enter(c, 'wp_page_copy');
  const r = pageCopy(c, pid, page, v);
  leave(c, saved);
  return r;
}

function pageCopy(c: Ctx, pid: number, page: number, v: VPage): FaultStatus {
  const zero = v.state === 'zero';
  const what = zero ? 'the shared zero page' : frameName(c.w, v.loc, v.frame);
  const value = zero ? 0 : pageAt(c.w, v.loc, v.frame).value;
  const f = allocHostPage(c, value);
  if (f < 0) {
    emit(c, 'wp_page_copy', say`No host frame is free to replace ${what}: ENOMEM.`);
    return 'ENOMEM';
  }
  emit(
    c,
    'wp_page_copy',
    zero
      ? say`Page ${page} maps the shared zero page, which nobody may write: copy-on-write allocates host frame ${f} for it.`
      : v.loc < 0
        ? say`Page ${page} still shares host frame ${v.frame} with another process since fork: copy-on-write copies it (value ${value}) to host frame ${f}.`
        : say`Page ${page} still shares ${what} with another process since fork: copy-on-write copies it (value ${value}) straight from the device's coherent memory to host frame ${f}; no migrate_to_ram.`,
  );
  invalidateRange(c, pid, page, page + 1, 'CLEAR', -1);
  mapHostPage(c, f);
  setPte(c, pid, page, vPage(v.prot, v.shared, 'present', true, f, -1, -1));
  if (!zero) unmapFrame(c, v.loc, v.frame);
  emit(c, 'wp_page_copy', say`Page ${page} now maps its own host frame ${f}, writable.`);
  return 'ok';
}

/** pgmap->ops->migrate_to_ram of the device owning the page (dmirror_devmem_fault). */
export function migrateToRam(c: Ctx, pid: number, page: number, dev: number): FaultStatus {
  if (c.w.devices[dev].driver === 'svm') return svmMigrateToRam(c, pid, page, dev);
  const saved = enter(c, 'migrate_to_ram');
  aboutPage(c, pid, page);
  aboutDevice(c, dev, c.w.procs[pid].pages[page].frame);
  bump(c, 'migrateToRam');
  emit(
    c,
    'migrate_to_ram',
    say`${c.w.devices[dev].name}'s driver is called back (dmirror_devmem_fault): it migrates page ${page} home through the same migrate_vma steps as any migration, syncing its hardware on the way.`,
  );
  const r = migrateToHost(c, dev, [{ pid, page }], 'fault', { pid, start: page, end: page + 1 });
  leave(c, saved);
  return r.oom ? 'ENOMEM' : 'ok';
}

/** remove_device_exclusive_entry: a CPU touch revokes a device's exclusive access. */
function restoreExclusive(c: Ctx, pid: number, page: number, v: VPage): FaultStatus {
  const dev = c.w.devices[v.dev];
  emit(
    c,
    'do_swap_page',
    say`do_swap_page finds a device-exclusive entry (held by ${dev.name} for atomics): the CPU must get the page back first.`,
  );
  invalidateRange(c, pid, page, page + 1, 'EXCLUSIVE', -1);
  setPte(c, pid, page, vPage(v.prot, v.shared, 'present', v.writable, v.frame, -1, v.loc));
  emit(
    c,
    'remove_device_exclusive_entry',
    say`The normal PTE is restored; the notifier call has revoked ${dev.name}'s atomic mapping, so the device must fault to touch page ${page} again.`,
  );
  return 'ok';
}
