// Where a virtual page lives, in the vocabulary of the CLI's pages[] (shared/scenario-format.md).
import { frameHome } from '../../engine/report.ts';
import { pageValue as valueIn, type VPage, type World } from '../../engine/state.ts';

export type CpuVocab = 'none' | 'zero' | 'present' | 'device-private' | 'device-exclusive';

export interface Residence {
  cpu: CpuVocab;
  /** 'none' | 'host' | a device name */
  location: string;
  /** Inside a migration: the entry is a migration entry, cpu/location tell where it comes from. */
  migrating: boolean;
}

/** The page's state; a transient migration entry reports the state it migrates away from. */
export function residence(vp: VPage, world: World): Residence {
  const dev = (i: number) => world.devices[i]?.name ?? `dev${i}`;
  switch (vp.state) {
    case 'none':
      return { cpu: 'none', location: 'none', migrating: false };
    case 'zero':
      return { cpu: 'zero', location: 'host', migrating: false };
    case 'present':
      return { cpu: 'present', location: frameHome(world, vp), migrating: false };
    case 'device-exclusive':
      return { cpu: 'device-exclusive', location: frameHome(world, vp), migrating: false };
    case 'device-private':
      return { cpu: 'device-private', location: dev(vp.dev), migrating: false };
    case 'migration':
      return vp.dev >= 0
        ? { cpu: 'device-private', location: dev(vp.dev), migrating: true }
        : { cpu: 'present', location: frameHome(world, vp), migrating: true };
  }
}

/** Short label of a CPU PTE, as the cell shows it. */
export function pteLabel(vp: VPage): string {
  switch (vp.state) {
    case 'none':
      return 'none';
    case 'zero':
      return 'zero page';
    case 'present':
      return vp.writable ? 'present rw' : 'present r';
    case 'device-private':
      return vp.writable ? 'dev-private w' : 'dev-private r';
    case 'device-exclusive':
      return 'exclusive';
    case 'migration':
      return 'migration';
  }
}

export interface PageRef {
  pid: number;
  page: number;
}

/** Reverse maps: which pages use each host frame / device frame, and who maps the zero page. */
export interface Owners {
  host: Map<number, PageRef[]>;
  dev: Map<number, PageRef[]>[];
  zero: PageRef[];
}

const ownersCache = new WeakMap<World, Owners>();

/** Owners of every frame; computed once per world (each panel asks for it). */
export function owners(world: World): Owners {
  let o = ownersCache.get(world);
  if (!o) ownersCache.set(world, (o = computeOwners(world)));
  return o;
}

/**
 * Who maps the zero page, without building every frame's owner list: a dense view needs only
 * this on each step (the rest is asked for when the pointer rests on a cell).
 */
export function zeroMappers(world: World): PageRef[] {
  const known = ownersCache.get(world);
  if (known) return known.zero;
  const zero: PageRef[] = [];
  for (const pidKey in world.procs) zero.push(...zeroIn(world.procs[pidKey]));
  return zero;
}

/** Per page table, by identity: a step copies only the tables it changes (model/replay.ts). */
const zeroCache = new WeakMap<object, PageRef[]>();

function zeroIn(proc: World['procs'][number]): PageRef[] {
  let zero = zeroCache.get(proc.pages);
  if (zero) return zero;
  zero = [];
  for (const pageKey in proc.pages)
    if (proc.pages[pageKey].state === 'zero') zero.push({ pid: proc.pid, page: Number(pageKey) });
  zeroCache.set(proc.pages, zero);
  return zero;
}

function computeOwners(world: World): Owners {
  const host = new Map<number, PageRef[]>();
  const dev = world.devices.map(() => new Map<number, PageRef[]>());
  const zero: PageRef[] = [];
  const push = (m: Map<number, PageRef[]>, f: number, r: PageRef) => {
    const l = m.get(f);
    if (l) l.push(r);
    else m.set(f, [r]);
  };
  for (const pidKey in world.procs) {
    const proc = world.procs[pidKey];
    for (const pageKey in proc.pages) {
      const vp = proc.pages[pageKey];
      const ref = { pid: proc.pid, page: Number(pageKey) };
      if (vp.state === 'zero') zero.push(ref);
      else if (vp.state === 'present' || vp.state === 'device-exclusive') {
        if (vp.loc < 0) push(host, vp.frame, ref);
        else if (dev[vp.loc]) push(dev[vp.loc], vp.frame, ref);
      } else if (vp.state === 'device-private' && dev[vp.dev]) push(dev[vp.dev], vp.frame, ref);
      else if (vp.state === 'migration') {
        if (vp.dev >= 0 && dev[vp.dev]) push(dev[vp.dev], vp.frame, ref);
        else if (vp.frame >= 0 && vp.loc < 0) push(host, vp.frame, ref);
        else if (vp.frame >= 0 && dev[vp.loc]) push(dev[vp.loc], vp.frame, ref);
      }
    }
  }
  return { host, dev, zero };
}

export const pageLabel = (r: PageRef, multiPid: boolean) =>
  multiPid ? `${r.pid}:p${r.page}` : `p${r.page}`;

/** Every mapper of a frame, e.g. `1:p0 2:p0` (screen readers, tooltips). */
export const mappersText = (refs: readonly PageRef[], multiPid: boolean) =>
  refs.map((r) => pageLabel(r, multiPid)).join(' ');

/** A frame's mappers as they fit in its cell: `p0 ×2` when processes share one page (fork). */
export function mappersShort(refs: readonly PageRef[], multiPid: boolean): string {
  if (refs.length > 1 && refs.every((r) => r.page === refs[0].page))
    return `p${refs[0].page} ×${refs.length}`;
  return mappersText(refs, multiPid);
}

/** The value a page holds now, as a read would return it (the engine's pageValue). */
export const pageValue = (vp: VPage, world: World, pid: number, page: number): number =>
  valueIn(world, pid, page, vp);

const cacheFrames = new WeakMap<object, Set<number>>();

/**
 * Host frames a shmem object's page cache holds (MAP_SHARED memory): such a frame stays in use
 * with no process mapping it while a process still maps that part of the object.
 */
export function shmemFrames(world: World): Set<number> {
  let s = cacheFrames.get(world.shmemPages);
  if (!s) cacheFrames.set(world.shmemPages, (s = new Set(Object.values(world.shmemPages))));
  return s;
}
