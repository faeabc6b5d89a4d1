// What to animate for one waypoint, derived from its change list (never from kernel logic):
// pages that travel between host and device, frames returned to a free list, notifiers fired.
import type { VPage, World } from '../../engine/state.ts';
import type { Waypoint } from '../../engine/trace.ts';
import { devKey, devPtKey, freeListKey, hostKey, pageKey } from '../model/keys.ts';

export interface Move {
  from: string;
  to: string;
  label: string;
  /** Device index for the token colour; -1 = host. */
  dev: number;
  /** Crosses the bus (host ↔ device) or not (frame → free list). */
  viaBus: boolean;
}

export interface Effects {
  moves: Move[];
  /** Invalidations: from the page whose PTE changed to each device page table it zaps. */
  ripples: { from: string; to: string }[];
}

const where = (v: VPage | null): { key: string; dev: number } | null => {
  if (!v || v.frame < 0) return null;
  if (v.state === 'device-private' || (v.state === 'migration' && v.dev >= 0))
    return { key: devKey(v.dev, v.frame), dev: v.dev };
  if (v.state === 'present' || v.state === 'device-exclusive' || v.state === 'migration')
    return { key: hostKey(v.frame), dev: -1 };
  return null;
};

export function effects(wp: Waypoint, world: World): Effects {
  const moves: Move[] = [];
  const ripples: Effects['ripples'] = [];
  const migrating: { pid: number; page: number; v: VPage }[] = [];
  for (const pid in world.procs)
    for (const page in world.procs[pid].pages) {
      const v = world.procs[pid].pages[page];
      if (v.state === 'migration') migrating.push({ pid: Number(pid), page: Number(page), v });
    }
  const used = new Set<string>();
  const source = (dev: number, value: number, fromDevice: boolean) => {
    const m = migrating.find(
      (x) =>
        !used.has(`${x.pid}:${x.page}`) &&
        (fromDevice ? x.v.dev >= 0 : x.v.dev < 0) &&
        (fromDevice
          ? world.devices[x.v.dev]?.frames[x.v.frame]?.value
          : world.hostFrames[x.v.frame]?.value) === value &&
        (!fromDevice || dev < 0 || x.v.dev >= 0),
    );
    if (m) used.add(`${m.pid}:${m.page}`);
    return m;
  };
  let pteTouched: string | null = null;
  for (const c of wp.changes) {
    if (c.k === 'dpage' && !c.before?.zdd && c.after?.zdd) {
      // Driver alloc and copy: the page's data crosses the bus into this device frame.
      const m = source(c.dev, c.after.value, false);
      if (m)
        moves.push({
          from: hostKey(m.v.frame),
          to: devKey(c.dev, c.frame),
          label: `p${m.page}`,
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
    } else if (
      c.k === 'host' &&
      c.before.ref === 0 &&
      c.after.ref > 0 &&
      wp.fn !== 'do_anonymous_page'
    ) {
      // A host page allocated inside a migration back: the data comes home over the bus.
      const m = source(-1, c.after.value, true);
      if (m)
        moves.push({
          from: devKey(m.v.dev, m.v.frame),
          to: hostKey(c.frame),
          label: `p${m.page}`,
          dev: m.v.dev,
          viaBus: true,
        });
    } else if (c.k === 'pte') {
      pteTouched = pageKey(c.pid, c.page);
      const a = where(c.before);
      const b = where(c.after);
      const copied = moves.some((mv) => mv.label === `p${c.page}`);
      if (a && b && a.key !== b.key && a.dev >= 0 !== b.dev >= 0 && !copied) {
        moves.push({
          from: a.key,
          to: b.key,
          label: `p${c.page}`,
          dev: Math.max(a.dev, b.dev),
          viaBus: true,
        });
      }
    }
  }
  const zapped = new Set<number>();
  for (const c of wp.changes)
    if ((c.k === 'dpte' && c.before && !c.after) || c.k === 'seq') zapped.add(c.dev);
  for (const dev of zapped) ripples.push({ from: pteTouched ?? 'proc', to: devPtKey(dev) });
  return { moves, ripples };
}
