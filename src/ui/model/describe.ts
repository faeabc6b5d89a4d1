// Human names for actions and changes, for the narration and the timeline.
import { kernelRefcount } from './pins.ts';
import type { Change } from '../../engine/trace.ts';
import type { Action } from '../../scenario/types.ts';
import { KEYED, ptKeyPage, type Keyed, type World } from '../../engine/state.ts';

export function pagesText(start: number, count = 1): string {
  return count === 1 ? `p${start}` : `p${start}–p${start + count - 1}`;
}

export function describeAction(a: Action): string {
  const pid = a.pid && a.pid !== 1 ? ` (pid ${a.pid})` : '';
  switch (a.op) {
    case 'mmap':
      return `mmap ${pagesText(a.start, a.count)} ${a.prot}${a.shared ? ' shared' : ''}${pid}`;
    case 'munmap':
    case 'cpu_read':
      return `${a.op} ${pagesText(a.start, a.count)}${pid}`;
    case 'mprotect':
      return `mprotect ${pagesText(a.start, a.count)} ${a.prot}${pid}`;
    case 'cpu_write':
      return `cpu_write ${pagesText(a.start, a.count)} = ${a.values ? `[${a.values.join(', ')}]` : a.value}${pid}`;
    case 'dev_read':
    case 'migrate_to_device':
    case 'migrate_to_host':
    case 'make_exclusive':
    case 'check_exclusive':
    case 'snapshot':
      return `${a.op} ${a.device} ${pagesText(a.start, a.count)}${pid}`;
    case 'dev_write':
      return `dev_write ${a.device} ${pagesText(a.start, a.count)} = ${a.values ? `[${a.values.join(', ')}]` : a.value}${pid}`;
    case 'release':
    case 'fail_next_alloc':
      return `${a.op} ${a.device}`;
    case 'fork':
      return `fork${pid}`;
    case 'pin':
      return `pin ${pagesText(a.start, a.count)}${a.longterm === false ? ' short-term' : ''}${pid}`;
    case 'unpin':
      return `unpin #${a.pin}`;
  }
}

const devName = (w: World, i: number) => w.devices[i]?.name ?? `dev${i}`;

/** A refcount as the kernel's folio reads it (a pin weighs GUP_PIN_COUNTING_BIAS). */
function refcountChange(a: { ref: number; pins: number }, b: { ref: number; pins: number }) {
  const pins = a.pins !== b.pins ? ` (pins ${a.pins} → ${b.pins})` : '';
  return `${kernelRefcount(a)} → ${kernelRefcount(b)}${pins}`;
}

/** One line per change, for the "what changed" list. */
type Described = Exclude<Change, { k: 'ctr' | Keyed }>;

/** Whether describeChange tells this change (counters are shown elsewhere; the keyed tables
 *  are the engine's bookkeeping: what they mean shows in the pages). */
export const isDescribed = (c: Change): c is Described =>
  c.k !== 'ctr' && !(KEYED as readonly string[]).includes(c.k);

export function describeChange(c: Change, w: World): string | null {
  if (!isDescribed(c)) return null;
  switch (c.k) {
    case 'pte': {
      const st = (v: typeof c.before) =>
        v
          ? `${v.state}${v.writable ? ' w' : ''}${v.frame >= 0 ? ` @${(v.dev >= 0 && v.state !== 'device-exclusive') || v.loc >= 0 ? 'd' : 'f'}${v.frame}` : ''}`
          : 'unmapped';
      return `p${c.page} PTE: ${st(c.before)} → ${st(c.after)}`;
    }
    case 'host':
      if (c.before.ref !== c.after.ref)
        return `host f${c.frame}: refcount ${refcountChange(c.before, c.after)}`;
      if (c.before.value !== c.after.value)
        return `host f${c.frame}: value ${c.before.value} → ${c.after.value}`;
      if (c.before.locked !== c.after.locked)
        return `host f${c.frame}: ${c.after.locked ? 'locked' : 'unlocked'}`;
      return `host f${c.frame}: mapcount ${c.before.map} → ${c.after.map}`;
    case 'dpage': {
      const d = devName(w, c.dev);
      if (!c.before) return `${d} d${c.frame}: struct page created`;
      if (!c.after) return `${d} d${c.frame}: struct page removed`;
      if (c.before.zdd !== c.after.zdd)
        return c.after.zdd
          ? `${d} d${c.frame}: zone_device_data = ${c.after.zdd}`
          : w.devices[c.dev]?.driver === 'svm'
            ? `${d} d${c.frame}: page freed (its frame is VRAM again when its chunk goes)`
            : `${d} d${c.frame}: back on the free list`;
      if (c.before.ref !== c.after.ref)
        return `${d} d${c.frame}: refcount ${refcountChange(c.before, c.after)}`;
      if (c.before.value !== c.after.value)
        return `${d} d${c.frame}: value ${c.before.value} → ${c.after.value}`;
      return `${d} d${c.frame}: ${c.after.locked ? 'locked' : 'unlocked'}`;
    }
    case 'dpte': {
      const d = devName(w, c.dev);
      const p = `p${ptKeyPage(c.key)}`;
      if (!c.after) return `${d} page table: ${p} zapped`;
      const t = `${c.after.target === 'dev' ? 'd' : c.after.target === 'zero' ? 'zero' : 'f'}${c.after.target === 'zero' ? '' : c.after.frame}`;
      return `${d} page table: ${p} → ${t} ${c.after.writable ? 'rw' : 'r'}${c.after.atomic ? ' atomic' : ''}`;
    }
    case 'seq':
      return `${devName(w, c.dev)} notifier seq ${c.before} → ${c.after}`;
    case 'flag':
      return `${devName(w, c.dev)}: fail next alloc ${c.after ? 'armed' : 'used'}`;
    case 'proc':
      return c.add ? `pid ${c.pid} created` : `pid ${c.pid} gone`;
  }
}
