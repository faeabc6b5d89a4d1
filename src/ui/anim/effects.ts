// What to animate for one waypoint, derived from its change list (never from kernel logic):
// pages that travel between host and device, frames returned to a free list, notifiers fired.
import type { VPage, World } from '../../engine/state.ts';
import type { Waypoint } from '../../engine/trace.ts';
import { coherentAccess } from '../model/access.ts';
import { subjectPage } from '../model/subject.ts';
import { devKey, devPtKey, freeListKey, hostKey, pageKey } from '../model/keys.ts';

export interface Move {
  from: string;
  to: string;
  label: string;
  /** Device index for the token colour; -1 = host. */
  dev: number;
  /** Crosses the bus (host ↔ device) or not (frame → free list). */
  viaBus: boolean;
  /** A group moving as one (an svm range or chunk): every cell it leaves and lands in; `from`
   *  and `to` are their first. */
  group?: { from: string[]; to: string[] };
}

export interface Effects {
  moves: Move[];
  /** Invalidations: from the page whose PTE changed to each device page table it zaps. */
  ripples: { from: string; to: string }[];
  /** CPU entries retargeted: a pointer from the page to its new frame. */
  pointers: { from: string; to: string }[];
}

const where = (v: VPage | null): { key: string; dev: number } | null => {
  if (!v || v.frame < 0) return null;
  if (v.state === 'device-private' || (v.state === 'migration' && v.dev >= 0))
    return { key: devKey(v.dev, v.frame), dev: v.dev };
  if (v.state === 'present' || v.state === 'device-exclusive' || v.state === 'migration')
    return { key: hostKey(v.frame), dev: -1 };
  return null;
};

/** The page a copy step moves: the waypoint's subject (one page of one process). */
function copiedPage(wp: Waypoint): { pid: number; page: number } | null {
  const page = subjectPage(wp);
  return page === null ? null : { pid: wp.subject.pid ?? 1, page };
}

/** A step that moves nothing: a step back or a jump, where pages do not travel. */
export const STILL: Effects = { moves: [], ripples: [], pointers: [] };

export function effects(wp: Waypoint, world: World): Effects {
  const moves: Move[] = [];
  const ripples: Effects['ripples'] = [];
  const pointers: Effects['pointers'] = [];
  const entry = (r: { pid: number; page: number } | null) =>
    r ? world.procs[r.pid]?.pages[r.page] : undefined;
  let pteTouched: string | null = null;
  const group = svmGroup(wp, world);
  for (const c of wp.changes) {
    if (c.k === 'dpage' && !c.before?.zdd && c.after?.zdd) {
      // Driver alloc and copy: the page's data crosses the bus into this device frame.
      const r = copiedPage(wp);
      const v = entry(r);
      if (r && v && v.frame >= 0 && v.dev < 0)
        moves.push({
          from: hostKey(v.frame),
          to: devKey(c.dev, c.frame),
          label: `p${r.page}`,
          dev: c.dev,
          viaBus: true,
        });
    } else if (c.k === 'dpage' && c.before?.zdd && !c.after?.zdd) {
      moves.push({
        from: devKey(c.dev, c.frame),
        to: freeListKey(c.dev),
        label: `d${c.frame}`,
        dev: c.dev,
        viaBus: false,
      });
    } else if (c.k === 'host' && c.before.ref === 0 && c.after.ref > 0) {
      // A host page allocated inside a migration back: the data comes home over the bus.
      const r = copiedPage(wp);
      const v = entry(r);
      if (r && v && v.state === 'migration' && v.dev >= 0)
        moves.push({
          from: devKey(v.dev, v.frame),
          to: hostKey(c.frame),
          label: `p${r.page}`,
          dev: v.dev,
          viaBus: true,
        });
    } else if (c.k === 'pte') {
      pteTouched = pageKey(c.pid, c.page);
      const a = where(c.before);
      const b = where(c.after);
      // The CPU entry now points somewhere else (e.g. a device-private entry at finalize).
      if (b && (!a || a.key !== b.key) && c.after?.state !== 'migration' && !group)
        pointers.push({ from: pteTouched, to: b.key });
    }
  }
  // A CPU load or store to a coherent page: straight across the link to the device frame,
  // with no fault and no migration (the page's PTE is an ordinary present one).
  const access = coherentAccess(
    wp,
    world.devices.map((d) => d.name),
  );
  if (access) {
    moves.push({
      from: access.from,
      to: access.to,
      label: `${access.kind} p${access.page}`,
      dev: access.dev,
      viaBus: true,
    });
    pointers.push({ from: access.from, to: access.to });
  }
  const zapped = new Set<number>();
  for (const c of wp.changes)
    if ((c.k === 'dpte' && c.before && !c.after) || c.k === 'seq') zapped.add(c.dev);
  // range_start is a broadcast: every mirror hears it, before each decides what to zap.
  if (wp.fn === 'mmu_notifier_invalidate_range_start')
    world.devices.forEach((_, d) => zapped.add(d));
  if (group) moves.push(group);
  for (const dev of zapped) ripples.push({ from: pteTouched ?? 'proc', to: devPtKey(dev) });
  return { moves, ripples, pointers: pointers.slice(0, 16) };
}

/** Page runs as text: [0,1,2,3,6] → "p0–3, p6" (at most three runs, then "…"). */
function pageRuns(pages: readonly number[]): string {
  const sorted = [...pages].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    runs.push(i === j ? `p${sorted[i]}` : `p${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return runs.length > 3 ? `${runs.slice(0, 2).join(', ')}, …` : runs.join(', ');
}

/**
 * An svm device moves memory a range (or a whole chunk) at a time (hmm-model-v2.md P, Q, R):
 * the finalize step that retargets every CPU entry of it between host RAM and the device is
 * one movement, a single flight from all the cells it leaves to all it lands in.
 */
function svmGroup(wp: Waypoint, world: World): Move | null {
  const from: string[] = [];
  const to: string[] = [];
  const pages: number[] = [];
  let dev = -1;
  for (const c of wp.changes) {
    if (c.k !== 'pte') continue;
    const a = where(c.before);
    const b = where(c.after);
    if (!a || !b || a.dev === b.dev || c.after?.state === 'migration') continue;
    const d = Math.max(a.dev, b.dev);
    if (Math.min(a.dev, b.dev) >= 0 || world.devices[d]?.driver !== 'svm') continue;
    if (dev >= 0 && d !== dev) return null;
    dev = d;
    from.push(a.key);
    to.push(b.key);
    pages.push(c.page);
  }
  if (pages.length === 0) return null;
  const home = to[0].startsWith('host-');
  return {
    from: from[0],
    to: to[0],
    label: `${pageRuns(pages)}${home ? ' home' : ''}`,
    dev,
    viaBus: true,
    group: { from, to },
  };
}
