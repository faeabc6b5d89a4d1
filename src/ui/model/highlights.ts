// What a waypoint changed, as element keys for the view to highlight. Pure: derived from the
// waypoint's change list only, never from kernel logic.
import type { DevPte } from '../../engine/state.ts';
import type { Waypoint } from '../../engine/trace.ts';
import { coherentAccess } from './access.ts';
import { subjectDevice, subjectPage } from './subject.ts';
import { devKey, devPtKey, dpteKey, freeListKey, hostKey, pageKey, seqKey } from './keys.ts';

export interface Highlights {
  changed: Set<string>;
  /** Element keys where a fault happens at this waypoint. */
  faults: Set<string>;
  /** Devices whose notifier fired (sequence moved or entries zapped). */
  invalidated: Set<number>;
  /** Device frames put back on the free list. */
  freed: Set<string>;
  counters: Set<string>;
  /** Device PTEs removed at this waypoint, shown as ghosts so the zap is visible. */
  zapped: { dev: number; key: number; before: DevPte }[];
  /** Pages a migration leaves in place because they are pinned (engine/migrate/pinSkip.ts). */
  pinSkips: Set<string>;
}

const CPU_FAULT = /^(handle_mm_fault|do_swap_page)$/;
const DEV_FAULT = /^mmu_interval_read_begin$/;
/** The walk refusing to unmap a maybe-DMA-pinned page: it stays where it is. */
const PIN_SKIP = 'folio_try_share_anon_rmap_pte';

/**
 * `actionPages`: the pages of the waypoint's action, used to place a fault whose subject
 * names no page (do_swap_page) when the action touches a single page.
 */
export function highlights(
  wp: Waypoint | undefined,
  pid = 1,
  devices: readonly string[] = [],
  actionPages: readonly number[] = [],
): Highlights {
  const h: Highlights = {
    changed: new Set(),
    faults: new Set(),
    invalidated: new Set(),
    freed: new Set(),
    counters: new Set(),
    zapped: [],
    pinSkips: new Set(),
  };
  if (!wp) return h;
  const pages: string[] = [];
  for (const c of wp.changes) {
    switch (c.k) {
      case 'pte':
        pages.push(pageKey(c.pid, c.page));
        h.changed.add(pageKey(c.pid, c.page));
        break;
      case 'host':
        h.changed.add(hostKey(c.frame));
        break;
      case 'dpage':
        h.changed.add(devKey(c.dev, c.frame));
        if (c.before?.zdd && !c.after?.zdd) {
          h.freed.add(devKey(c.dev, c.frame));
          h.changed.add(freeListKey(c.dev));
        }
        if (!c.before?.zdd && c.after?.zdd) h.changed.add(freeListKey(c.dev));
        break;
      case 'dpte':
        h.changed.add(dpteKey(c.dev, c.key));
        h.changed.add(devPtKey(c.dev));
        if (c.before && !c.after) {
          if (/invalidate/.test(wp.fn)) h.invalidated.add(c.dev);
          h.zapped.push({ dev: c.dev, key: c.key, before: c.before });
        }
        break;
      case 'seq':
        h.changed.add(seqKey(c.dev));
        h.invalidated.add(c.dev);
        break;
      case 'ctr':
        h.counters.add(c.name);
        break;
      default:
        break;
    }
  }
  if (CPU_FAULT.test(wp.fn)) {
    const p = subjectPage(wp);
    if (p !== null) h.faults.add(pageKey(wp.subject.pid ?? pid, p));
    else if (pages.length) pages.forEach((k) => h.faults.add(k));
    else if (actionPages.length === 1) h.faults.add(pageKey(pid, actionPages[0]));
  }
  // A load or store straight to a coherent frame changes no entry: ring the page and the frame
  // it reached, so the step shows where the access went even with reduced motion.
  const access = coherentAccess(wp, devices);
  if (access) h.changed.add(access.from).add(access.to);
  if (wp.fn === PIN_SKIP) {
    const p = subjectPage(wp);
    if (p !== null) h.pinSkips.add(pageKey(wp.subject.pid ?? pid, p));
  }
  if (DEV_FAULT.test(wp.fn) && wp.path.includes('dmirror_range_fault')) {
    const d = subjectDevice(wp, devices);
    if (d >= 0) h.faults.add(devPtKey(d));
  }
  return h;
}
