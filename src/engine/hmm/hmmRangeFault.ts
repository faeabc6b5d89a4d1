// hmm_range_fault (mm/hmm.c) with HMM_PFN_REQ_FAULT [| HMM_PFN_REQ_WRITE]: walk the CPU page
// table; at the first page that is not good enough, fault the rest of that VMA's part of the
// range (hmm_vma_fault), then walk again — unless an invalidation moved the notifier sequence,
// in which case return -EBUSY so the driver starts over.
import { aboutPage, aboutPages, emit, enter, leave, say, type Ctx } from '../ctx.ts';
import { faultIn } from '../mm/fault.ts';
import type { VPage } from '../state.ts';
import { pagesText } from './notifier.ts';

export interface Pfn {
  target: 'host' | 'zero' | 'dev';
  frame: number;
  write: boolean;
  /** The device whose frame it is (target 'dev'); -1 otherwise. */
  loc: number;
}

export type RangeFaultStatus = 'ok' | 'EBUSY' | 'EFAULT' | 'EPERM';

function needFault(v: VPage, dev: number, write: boolean): boolean {
  switch (v.state) {
    // The zero page is mapped read-only: like any read-only page, only a write needs a fault.
    case 'zero':
    case 'present':
      return write && !v.writable;
    case 'device-private':
      return v.dev !== dev || (write && !v.writable);
    default:
      return true;
  }
}

/** The pfn of a page that needs no fault, as its CPU entry maps it (hmm_vma_handle_pte). */
function pfnOf(v: VPage): Pfn {
  const loc = v.state === 'device-private' ? v.dev : v.loc;
  const target = v.state === 'zero' ? 'zero' : loc < 0 ? 'host' : 'dev';
  return { target, frame: v.frame, write: v.writable, loc };
}

const sameVma = (a: VPage | undefined, b: VPage) =>
  !!a && a.prot === b.prot && a.shared === b.shared;

export function hmmRangeFault(
  c: Ctx,
  dev: number,
  pid: number,
  start: number,
  end: number,
  write: boolean,
  notifierSeq: number,
): { status: RangeFaultStatus; pfns: Pfn[] } {
  const d = c.w.devices[dev];
  const pages = c.w.procs[pid].pages;
  // Stryker disable next-line UpdateOperator: `walk--` (no cap) is equivalent: the cap is never reached (each walk faults in every page it needs, so the next one finishes), as dmirror_range_fault's own bound
  for (let walk = 0; walk !== 64; walk++) {
    if (d.seq !== notifierSeq) {
      emit(
        c,
        'hmm_range_fault',
        say`The notifier sequence moved (${notifierSeq} → ${d.seq}) while faulting: an invalidation hit the range, so hmm_range_fault returns -EBUSY.`,
      );
      return { status: 'EBUSY', pfns: [] };
    }
    const pfns: Pfn[] = [];
    let faulted = false;
    for (let p = start; p < end && !faulted; p++) {
      const v = pages[p];
      if (!v || v.prot === 'none') {
        aboutPage(c, pid, p);
        emit(
          c,
          'hmm_range_fault',
          say`Page ${p} ${v ? 'is in a PROT_NONE VMA' : 'is not in any VMA'}: hmm_range_fault cannot fault it and fails with -EFAULT.`,
        );
        return { status: 'EFAULT', pfns: [] };
      }
      if (!needFault(v, dev, write)) {
        pfns.push(pfnOf(v));
        continue;
      }
      if (write && v.prot !== 'rw') {
        aboutPage(c, pid, p);
        emit(c, 'hmm_vma_fault', say`Page ${p} must be written but its VMA is read-only: -EPERM.`);
        return { status: 'EPERM', pfns: [] };
      }
      let batchEnd = p;
      while (batchEnd < end && sameVma(pages[batchEnd], v)) batchEnd++;
      const saved = enter(c, 'hmm_vma_fault');
      aboutPages(c, pid, p, batchEnd);
      emit(
        c,
        'hmm_vma_fault',
        say`Page ${p} is ${v.state === 'device-private' && v.dev !== dev ? say`in ${c.w.devices[v.dev].name}'s private memory` : v.state}${write ? ' and must be writable' : ''}: hmm_vma_fault faults ${pagesText(p, batchEnd)} in as a CPU fault would.`,
      );
      const by = `hmm_range_fault for ${d.name}`;
      let failed = false;
      for (let q = p; q < batchEnd && !failed; q++)
        failed = needFault(pages[q], dev, write) && faultIn(c, pid, q, write, by) !== 'ok';
      leave(c, saved);
      if (failed) {
        emit(c, 'hmm_range_fault', say`A fault failed, so hmm_range_fault returns -EFAULT.`);
        return { status: 'EFAULT', pfns: [] };
      }
      faulted = true;
    }
    if (!faulted) return { status: 'ok', pfns };
  }
  return { status: 'EBUSY', pfns: [] };
}
