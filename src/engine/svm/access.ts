// dev_read / dev_write on an svm device: the GPU job walks its page table page by page; the
// first page it lacks raises a GPU page fault (fault.ts), which binds a whole range; the job
// then carries on. `faults` counts the faults that completed.
import { aboutPages, bump, emit, enter, leave, setDevPage, say, type Ctx } from '../ctx.ts';
import { readThrough } from '../driver/dmirrorAccess.ts';
import { pagesText } from '../hmm/notifier.ts';
import { setHostValue } from '../mm/hostPages.ts';
import { noteWrite } from '../mm/shmem.ts';
import { devPage, ptKey } from '../state.ts';
import { svmHandleFault, type SvmFaultStatus } from './fault.ts';

export interface SvmAccessResult {
  status: SvmFaultStatus;
  cpages: number;
  faults: number;
  values: number[];
}

export function svmAccess(
  c: Ctx,
  dev: number,
  pid: number,
  start: number,
  end: number,
  values: number[] | null,
): SvmAccessResult {
  const saved = enter(c, 'xe_exec_ioctl');
  const r = access(c, dev, pid, start, end, values);
  leave(c, saved);
  return r;
}

function access(
  c: Ctx,
  dev: number,
  pid: number,
  start: number,
  end: number,
  values: number[] | null,
): SvmAccessResult {
  const write = values !== null;
  const d = c.w.devices[dev];
  const pt = d.pt;
  const read: number[] = [];
  let faults = 0;
  let p = start;
  // Each fault binds at least the faulting page, so the job needs at most one per page.
  // Stryker disable next-line ArithmeticOperator,UpdateOperator: `end + start`, `round--` (a looser cap, none) are equivalent: the cap is never reached, a fault that returns ok has bound the page it faulted on
  for (let round = 0; round <= end - start; round++) {
    const from = p;
    aboutPages(c, pid, from, end);
    for (; p < end; p++) {
      const e = pt[ptKey(pid, p)];
      // A GPU SVM mapping is always writable (ranges are mapped read-write, hmm_range_fault
      // faults them in with write intent): an entry serves a write as well as a read.
      if (!e) break;
      if (!write) {
        read.push(readThrough(c, e));
        continue;
      }
      const value = values[p - start];
      if (e.target === 'dev') {
        const f = c.w.devices[e.loc].frames[e.frame];
        setDevPage(c, e.loc, e.frame, devPage(f.ref, f.zdd, f.locked, value, f.pins));
      } else setHostValue(c, e.frame, value);
      noteWrite(c, pid, p, value);
    }
    const verb = write ? 'writes' : 'reads';
    emit(
      c,
      'xe_exec_ioctl',
      p === end
        ? say`The ${d.name} job ${verb} ${pagesText(from, end)} through its GPU page table${write ? '' : say`: ${read.slice(from - start).join(', ')}`}.`
        : say`The ${d.name} job ${p > from ? say`${verb} ${pagesText(from, p)}, then ` : ''}finds no ${write ? 'writable ' : ''}GPU page-table entry for page ${p}: a GPU page fault.`,
    );
    if (p === end) return { status: 'ok', cpages: end - start, faults, values: read };
    const r = svmHandleFault(c, dev, pid, p);
    if (r !== 'ok') return { status: r, cpages: p - start, faults, values: read };
    faults++;
    bump(c, 'deviceFaults');
  }
  // Stryker disable next-line ArithmeticOperator: the cap's return, which no run reaches (see the loop)
  return { status: 'EBUSY', cpages: p - start, faults, values: read };
}
