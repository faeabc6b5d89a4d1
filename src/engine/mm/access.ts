// CPU loads and stores, page by page in order: each page faults in as needed (handle_mm_fault),
// then the access completes. A failure stops the range; pages done before it stay done.
import { aboutPage, emit, say, type Ctx } from '../ctx.ts';
import { pageValue } from '../state.ts';
import { faultIn, type FaultStatus } from './fault.ts';
import { setHostValue } from './hostPages.ts';
import { noteWrite } from './shmem.ts';

export function cpuRead(c: Ctx, pid: number, start: number, end: number) {
  const values: number[] = [];
  for (let p = start; p < end; p++) {
    aboutPage(c, pid, p);
    const r: FaultStatus = faultIn(c, pid, p, false, 'cpu');
    if (r !== 'ok') return { status: r, values };
    const value = pageValue(c.w, pid, p, c.w.procs[pid].pages[p]);
    values.push(value);
    emit(c, 'cpu_read', say`The CPU load from page ${p} completes: it reads ${value}.`);
  }
  return { status: 'ok' as const, values };
}

export function cpuWrite(c: Ctx, pid: number, start: number, end: number, values: number[]) {
  for (let p = start; p < end; p++) {
    aboutPage(c, pid, p);
    const r: FaultStatus = faultIn(c, pid, p, true, 'cpu');
    if (r !== 'ok') return r;
    const v = c.w.procs[pid].pages[p];
    const value = values[p - start];
    setHostValue(c, v.frame, value);
    noteWrite(c, pid, p, value);
    emit(
      c,
      'cpu_write',
      say`The CPU store to page ${p} completes: host frame ${v.frame} now holds ${value}.`,
    );
  }
  return 'ok' as const;
}
