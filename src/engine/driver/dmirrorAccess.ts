// Device reads and writes through the mirror (dmirror_read / dmirror_write): use the device
// page table; at the first missing (or read-only, for a write) entry take a device fault over
// the rest of the range, count the round, and carry on.
import { aboutPages, bump, emit, enter, leave, setDevPage, say, type Ctx } from '../ctx.ts';
import { pagesText } from '../hmm/notifier.ts';
import { setHostValue } from '../mm/hostPages.ts';
import { noteWrite } from '../mm/shmem.ts';
import { devPage, ptKey, type DevPte } from '../state.ts';
import { dmirrorFault } from './dmirrorFault.ts';

export function readThrough(c: Ctx, e: DevPte): number {
  if (e.target === 'zero') return 0;
  if (e.target === 'dev') return c.w.devices[e.loc].frames[e.frame].value;
  return c.w.hostFrames[e.frame].value;
}

/** dmirror_do_read over [start, end): pages read before the first missing entry. */
export function doRead(
  c: Ctx,
  dev: number,
  pid: number,
  start: number,
  end: number,
  out: number[],
) {
  const pt = c.w.devices[dev].pt;
  let p = start;
  for (; p < end; p++) {
    const e = pt[ptKey(pid, p)];
    if (!e) break;
    out.push(readThrough(c, e));
  }
  return p - start;
}

export function dmirrorAccess(
  c: Ctx,
  dev: number,
  pid: number,
  start: number,
  end: number,
  values: number[] | null,
) {
  const saved = enter(c, values !== null ? 'dmirror_write' : 'dmirror_read');
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
) {
  const write = values !== null;
  const d = c.w.devices[dev];
  const read: number[] = [];
  let cpages = 0;
  let faults = 0;
  // A fault round maps every page left (writable for a write), so the second round always
  // finishes the range, like the kernel's endless loop; 64 is only a guard.
  // Stryker disable next-line EqualityOperator,UpdateOperator: the guard is never reached (see above)
  for (let round = 0; round < 64; round++) {
    const from = start + cpages;
    const done = write
      ? doWrite(c, dev, pid, from, end, values, start)
      : doRead(c, dev, pid, from, end, read);
    cpages += done;
    const stop = from + done;
    aboutPages(c, pid, from, end);
    emit(
      c,
      write ? 'dmirror_do_write' : 'dmirror_do_read',
      stop === end
        ? say`${d.name} ${write ? 'writes' : 'reads'} ${pagesText(from, end)} through its own page table${write ? '' : say`: ${read.slice(from - start).join(', ')}`}.`
        : say`${d.name} ${done ? say`${write ? 'writes' : 'reads'} ${pagesText(from, stop)}, then ` : ''}finds no ${write ? 'writable ' : ''}entry for page ${stop} in its page table: -ENOENT, so it takes a device fault.`,
    );
    if (stop === end) return { status: 'ok' as const, cpages, faults, values: read };
    const r = dmirrorFault(c, dev, pid, stop, end, write);
    if (r !== 'ok') return { status: r, cpages, faults, values: read };
    faults++;
    bump(c, 'deviceFaults');
  }
  return { status: 'EBUSY' as const, cpages, faults, values: read };
}

function doWrite(
  c: Ctx,
  dev: number,
  pid: number,
  from: number,
  end: number,
  values: number[],
  start: number,
) {
  const d = c.w.devices[dev];
  let p = from;
  for (; p < end; p++) {
    const key = ptKey(pid, p);
    const e = d.pt[key];
    if (!e || !e.writable) break;
    const value = values[p - start];
    if (e.target === 'dev') {
      const f = c.w.devices[e.loc].frames[e.frame];
      setDevPage(c, e.loc, e.frame, devPage(f.ref, f.zdd, f.locked, value, f.pins));
    } else setHostValue(c, e.frame, value);
    noteWrite(c, pid, p, value);
  }
  return p - from;
}
