// dmirror's MIGRATE_TO_DEV, MIGRATE_TO_SYS and RELEASE commands (flows B and F).
import { aboutPage, emit, within, say, type Ctx } from '../ctx.ts';
import type { KernelFn } from '../layers.ts';
import { pagesText } from '../hmm/notifier.ts';
import { migrateToDevice } from '../migrate/toDevice.ts';
import { migrateToHost, type DevItem } from '../migrate/toHost.ts';
import type { VPage } from '../state.ts';
import { doRead } from './dmirrorAccess.ts';

/**
 * What a device → host migration does with a page: collects it (this device's private entries,
 * or present PTEs to its coherent frames: MIGRATE_VMA_SELECT_DEVICE_COHERENT), leaves it to a
 * pin (a pinned coherent page has references migration cannot account for:
 * migrate_vma_check_page), or passes it by.
 */
function collect(c: Ctx, dev: number, v: VPage): 'migrate' | 'pinned' | null {
  if (v.state === 'device-private') return v.dev === dev ? 'migrate' : null;
  if (v.state !== 'present' || v.loc !== dev) return null;
  return c.w.devices[dev].frames[v.frame].pins === 0 ? 'migrate' : 'pinned';
}

/** dmirror checks every page is in a VMA allowing read before migrating. */
function readableRange(c: Ctx, pid: number, start: number, end: number, fn: KernelFn): boolean {
  const pages = c.w.procs[pid].pages;
  for (let p = start; p < end; p++) {
    const v = pages[p];
    if (!v || v.prot === 'none') {
      aboutPage(c, pid, p);
      emit(
        c,
        fn,
        say`Page ${p} is ${v ? 'in a PROT_NONE VMA' : 'not in any VMA'}: the driver refuses the migration with EINVAL before moving anything.`,
      );
      return false;
    }
  }
  return true;
}

export function dmirrorMigrateToDevice(
  c: Ctx,
  dev: number,
  pid: number,
  start: number,
  end: number,
) {
  return within(c, 'dmirror_migrate_to_device', () => {
    if (!readableRange(c, pid, start, end, 'dmirror_migrate_to_device'))
      return { status: 'EINVAL' as const, cpages: 0, migrated: 0 };
    const migrated = migrateToDevice(c, dev, pid, start, end);
    const cpages = doRead(c, dev, pid, start, end, []);
    const d = c.w.devices[dev];
    emit(
      c,
      'dmirror_do_read',
      cpages === end - start
        ? say`To verify, ${d.name} reads ${pagesText(start, end)} back through its page table: all ${cpages} are there (${migrated} actually moved).`
        : say`To verify, ${d.name} reads the range back through its page table and finds no entry for page ${start + cpages}: -ENOENT after ${cpages} page${cpages === 1 ? '' : 's'}.`,
    );
    return {
      status: cpages === end - start ? ('ok' as const) : ('ENOENT' as const),
      cpages,
      migrated,
    };
  });
}

export function dmirrorMigrateToHost(c: Ctx, dev: number, pid: number, start: number, end: number) {
  return within(c, 'dmirror_migrate_to_system', () => {
    if (!readableRange(c, pid, start, end, 'dmirror_migrate_to_system'))
      return { status: 'EINVAL' as const, cpages: 0 };
    const pages = c.w.procs[pid].pages;
    const items: DevItem[] = [];
    const pinned: DevItem[] = [];
    for (let p = start; p < end; p++) {
      const how = collect(c, dev, pages[p]);
      if (how === 'migrate') items.push({ pid, page: p });
      else if (how === 'pinned') pinned.push({ pid, page: p });
    }
    const r = migrateToHost(c, dev, items, 'range', { pid, start, end }, pinned);
    return { status: r.oom ? ('ENOMEM' as const) : ('ok' as const), cpages: r.moved };
  });
}

/** RELEASE: migrate_device_range over every frame of the device, in frame order. */
export function dmirrorRelease(c: Ctx, dev: number) {
  return within(c, 'dmirror_device_evict_chunk', () => {
    const owners = new Map<number, DevItem>();
    const pinnedOwners = new Map<number, DevItem>();
    for (const pid in c.w.procs) {
      const pages = c.w.procs[pid].pages;
      for (const page in pages) {
        const v = pages[page];
        const item = { pid: Number(pid), page: Number(page) };
        const how = collect(c, dev, v);
        if (how === 'migrate') owners.set(v.frame, item);
        else if (how === 'pinned' && !pinnedOwners.has(v.frame)) pinnedOwners.set(v.frame, item);
      }
    }
    const byFrame = (m: Map<number, DevItem>) =>
      [...m.keys()].sort((a, b) => a - b).map((f) => m.get(f)!);
    const r = migrateToHost(c, dev, byFrame(owners), 'evict', undefined, byFrame(pinnedOwners));
    return { status: r.oom ? ('ENOMEM' as const) : ('ok' as const), cpages: r.moved };
  });
}
