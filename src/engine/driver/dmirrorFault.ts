// dmirror_range_fault + dmirror_do_fault (lib/test_hmm.c): the driver side of a device fault.
// read_begin → hmm_range_fault → (interleaved CPU action, flow I) → driver lock →
// mmu_interval_read_retry → program the device page table. A moved sequence means: start over.
import {
  aboutDevice,
  aboutPage,
  aboutPages,
  bump,
  emit,
  enter,
  leave,
  setDevPte,
  say,
  type Ctx,
} from '../ctx.ts';
import { hmmRangeFault, type Pfn, type RangeFaultStatus } from '../hmm/hmmRangeFault.ts';
import { pagesText } from '../hmm/notifier.ts';
import { ptKey } from '../state.ts';

export function dmirrorFault(
  c: Ctx,
  dev: number,
  pid: number,
  start: number,
  end: number,
  write: boolean,
): RangeFaultStatus {
  const saved = enter(c, 'dmirror_range_fault');
  aboutDevice(c, dev);
  const r = rangeFault(c, dev, pid, start, end, write);
  leave(c, saved);
  return r;
}

function rangeFault(
  c: Ctx,
  dev: number,
  pid: number,
  start: number,
  end: number,
  write: boolean,
): RangeFaultStatus {
  const d = c.w.devices[dev];
  // Stryker disable next-line EqualityOperator,UpdateOperator: a guard no run reaches (a retry round faults in every page still missing, so the next one finishes)
  for (let attempt = 0; attempt < 64; attempt++) {
    aboutPages(c, pid, start, end);
    const seq = d.seq;
    emit(
      c,
      'mmu_interval_read_begin',
      say`${d.name} takes a device fault on ${pagesText(start, end)}: it notes its notifier sequence (${seq}) before looking at the CPU page table.`,
    );
    const saved = enter(c, 'hmm_range_fault');
    const r = hmmRangeFault(c, dev, pid, start, end, write, seq);
    leave(c, saved);
    if (r.status === 'EBUSY') {
      bump(c, 'rangeFaultRetries');
      emit(
        c,
        'dmirror_range_fault',
        say`-EBUSY: ${d.name} throws the result away and tries again from mmu_interval_read_begin.`,
      );
      continue;
    }
    if (r.status !== 'ok') return r.status;
    emit(
      c,
      'hmm_range_fault',
      say`hmm_range_fault returns a valid pfn for each of the ${end - start} page${end - start > 1 ? 's' : ''}; nothing is locked yet, so the CPU page table may still change.`,
    );
    if (c.interleave) {
      const run = c.interleave;
      c.interleave = null;
      run();
    }
    if (d.seq !== seq) {
      bump(c, 'rangeFaultRetries');
      emit(
        c,
        'mmu_interval_read_retry',
        say`Under the driver lock, mmu_interval_read_retry sees the sequence moved (${seq} → ${d.seq}): the pfns may be stale, so ${d.name} starts over.`,
      );
      continue;
    }
    const stale = staleOwnPage(c, dev, pid, start, r.pfns);
    if (stale >= 0) {
      bump(c, 'rangeFaultRetries');
      aboutPage(c, pid, stale);
      emit(
        c,
        'dmirror_do_fault',
        say`The sequence is still ${seq}, but the pfn for page ${stale} is ${d.name}'s own page, which ${d.name} itself migrated home meanwhile — its own MMU_NOTIFY_MIGRATE never moves its sequence — so the driver checks its own pages and starts over.`,
      );
      continue;
    }
    emit(
      c,
      'mmu_interval_read_retry',
      say`Under the driver lock the sequence is still ${seq}: no invalidation ran since read_begin, so the pfns are safe to use.`,
    );
    r.pfns.forEach((pfn, i) => {
      setDevPte(c, dev, ptKey(pid, start + i), {
        target: pfn.target,
        frame: pfn.frame,
        writable: pfn.write,
        atomic: false,
        loc: pfn.loc,
      });
    });
    emit(
      c,
      'dmirror_do_fault',
      say`${d.name} fills its page table for ${pagesText(start, end)}; each entry is writable only where the CPU entry is.`,
    );
    return 'ok';
  }
  return 'EBUSY';
}

/**
 * A pfn of the device's own memory whose page has left it since: read_retry cannot see this race
 * (the owner skips its own migration's notifier), so the driver must. Only the driver's own
 * migrate_to_ram moves such a page without moving the sequence, and it takes the page home, so
 * where the page lives now tells it (its frame number may well be the same).
 */
function staleOwnPage(c: Ctx, dev: number, pid: number, start: number, pfns: Pfn[]): number {
  const pages = c.w.procs[pid].pages;
  for (let i = 0; i < pfns.length; i++) {
    const pfn = pfns[i];
    // A pfn's loc is -1 unless it is a device frame (pfnOf).
    if (pfn.loc !== dev) continue;
    const v = pages[start + i];
    if ((v.state === 'device-private' ? v.dev : v.loc) !== dev) return start + i;
  }
  return -1;
}
