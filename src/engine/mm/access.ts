// CPU loads and stores, page by page in order: each page faults in as needed (handle_mm_fault),
// then the access completes. A failure stops the range; pages done before it stay done.
import { aboutDevice, aboutPage, emit, say, type Ctx } from '../ctx.ts';
import { pageValue } from '../state.ts';
import { faultIn, type FaultStatus } from './fault.ts';
import { setFrameValue } from './frames.ts';
import { noteWrite } from './shmem.ts';

export function cpuRead(c: Ctx, pid: number, start: number, end: number) {
  const values: number[] = [];
  for (let p = start; p < end; p++) {
    aboutPage(c, pid, p);
    const r: FaultStatus = faultIn(c, pid, p, false, 'cpu');
    if (r !== 'ok') return { status: r, values };
    const v = c.w.procs[pid].pages[p];
    const value = pageValue(c.w, pid, p, v);
    values.push(value);
    // Stryker disable next-line ConditionalExpression: `true` is equivalent: a CPU access runs in a span about no device (aboutAction sets device -1 for CPU actions, interleaved ones too), and a frame recorded with device -1 is never shown (access.test kills `false`)
    if (v.loc >= 0) aboutDevice(c, v.loc, v.frame);
    emit(
      c,
      'cpu_read',
      // Stryker disable next-line ConditionalExpression: `false` is equivalent: after faultIn an entry in coherent memory is present (a device-exclusive one is restored first; migration entries never outlive a migration)
      v.loc < 0 || v.state !== 'present'
        ? say`The CPU load from page ${p} completes: it reads ${value}.`
        : say`The CPU load from page ${p} goes straight across the coherent bus to ${c.w.devices[v.loc].name} frame ${v.frame}: no fault, no migration; it reads ${value}.`,
    );
    // Stryker disable next-line ConditionalExpression: `true` is equivalent: a CPU access runs in a span about no device (aboutAction sets device -1 for CPU actions, interleaved ones too), so after a host page it sets what is already set (access.test kills `false`)
    if (v.loc >= 0) aboutDevice(c, -1);
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
    setFrameValue(c, v.loc, v.frame, value);
    noteWrite(c, pid, p, value);
    if (v.loc < 0) {
      emit(
        c,
        'cpu_write',
        say`The CPU store to page ${p} completes: host frame ${v.frame} now holds ${value}.`,
      );
      continue;
    }
    aboutDevice(c, v.loc, v.frame);
    emit(
      c,
      'cpu_write',
      say`The CPU store to page ${p} goes straight across the coherent bus: ${c.w.devices[v.loc].name} frame ${v.frame} now holds ${value}, with no fault and no migration; device mirrors of it see the new data.`,
    );
    aboutDevice(c, -1);
  }
  return 'ok' as const;
}
