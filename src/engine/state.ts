// The simulated world: plain, structured-clone-able data. Records (VPage, HostPage, DevPage,
// DevPte) are never mutated in place: the engine replaces them, so a change log of
// (before, after) pairs is enough to move the world forward and back, and a checkpoint is a
// shallow copy of the containers.
import {
  deviceDriver,
  deviceMemory,
  type DeviceDriver,
  type DeviceMemory,
  type Prot,
  type ScenarioConfig,
} from '../scenario/types.ts';

/** CPU page-table state of one virtual page (shared/hmm-model.md, "World"). */
export type CpuState =
  'none' | 'zero' | 'present' | 'device-private' | 'device-exclusive' | 'migration';

/** One virtual page inside a VMA: the VMA's protection plus the CPU PTE. */
export interface VPage {
  readonly prot: Prot;
  readonly shared: boolean;
  readonly state: CpuState;
  /** The PTE's write bit (false for none and zero). */
  readonly writable: boolean;
  /** Host frame (present, device-exclusive, migration from host) or device frame
   *  (device-private, migration from a device); -1 otherwise. */
  readonly frame: number;
  /** Device index for device-private and migration-from-device entries, and the device
   *  holding a device-exclusive entry; -1 otherwise. */
  readonly dev: number;
  /** Where `frame` of a present, device-exclusive or migration entry is: -1 = a host frame,
   *  else the index of the device whose MEMORY_DEVICE_COHERENT frame it is (@2). */
  readonly loc: number;
}

/** struct page of a host frame. refcount 0 = free. Each FOLL_PIN pin holds one of `ref`
 *  (the kernel adds GUP_PIN_COUNTING_BIAS per pin; the UI shows that). */
export interface HostPage {
  readonly ref: number;
  readonly map: number;
  readonly locked: boolean;
  readonly value: number;
  /** FOLL_PIN pins (hmm-model-v2.md M); a pin belongs to the frame, not to an address. */
  readonly pins: number;
}

/** struct page of a device frame (ZONE_DEVICE, private or coherent). */
export interface DevPage {
  readonly ref: number;
  /** The driver's zone_device_data; null while on the free list. */
  readonly zdd: string | null;
  readonly locked: boolean;
  readonly value: number;
  /** FOLL_PIN pins: only a coherent frame, and only without FOLL_LONGTERM. */
  readonly pins: number;
}

/** One entry of a device page table (dmirror's xarray). */
export interface DevPte {
  /** 'host' = a host frame, 'zero' = the shared zero page, 'dev' = a device frame: this
   *  device's own, or (@2) another device's coherent frame mapped in place. */
  readonly target: 'host' | 'zero' | 'dev';
  readonly frame: number;
  readonly writable: boolean;
  readonly atomic: boolean;
  /** For target 'dev': the index of the device whose frame it is; -1 otherwise. */
  readonly loc: number;
}

export interface Device {
  readonly name: string;
  /** Frames of device memory the device registers (flow A, K). */
  readonly size: number;
  /** The dev_pagemap type its frames get: MEMORY_DEVICE_PRIVATE or MEMORY_DEVICE_COHERENT. */
  readonly memory: DeviceMemory;
  /** The driver personality: dmirror (lib/test_hmm.c) or svm (drm_gpusvm/drm_pagemap). */
  readonly driver: DeviceDriver;
  /** svm: the largest GPU SVM range, in pages (sizes tried: chunk, chunk/2, …, 1). */
  readonly chunk: number;
  /** Device frames, index = frame number; free ones are on the driver's free list. */
  frames: DevPage[];
  /** Key: ptKey(pid, page). */
  pt: Record<number, DevPte>;
  /** The mmu_interval_notifier sequence count. */
  seq: number;
  failNextAlloc: boolean;
}

export interface Proc {
  readonly pid: number;
  /** Key: virtual page number; present iff the page is inside a VMA. */
  pages: Record<number, VPage>;
}

export interface Counters {
  cpuFaults: number;
  deviceFaults: number;
  migrateToRam: number;
  pagesToDevice: number;
  pagesToHost: number;
  pageFree: number;
  invalidations: number;
  rangeFaultRetries: number;
  // @2 (result@1 does not print them).
  pagesEvicted: number;
  pagesPinned: number;
  pinMigrations: number;
}
export type CounterName = keyof Counters;

export interface World {
  hostFrames: HostPage[];
  devices: Device[];
  procs: Record<number, Proc>;
  counters: Counters;
  /** Last value a program wrote to each page (key ptKey), for invariant 5 (no lost writes). */
  expect: Record<number, number>;
  /** The shmem object each MAP_SHARED page belongs to (key ptKey): fork hands it down. */
  shmem: Record<number, number>;
  /** The page cache of those objects (key shmemKey): the host frame holding each page. */
  shmemPages: Record<number, number>;
  /** Pin handles (@2): key pinKey(handle, i) = the i-th frame the pin holds (frameCode). */
  pinFrames: Record<number, number>;
  /** Key handle = pinHandleEntry while it holds pins; key 0 = handles handed out so far. */
  pinHandles: Record<number, number>;
  /** svm driver state (svm/state.ts): GPU SVM ranges, chunks (LRU by id), frame → chunk. */
  svmRanges: Record<number, number>;
  svmChunks: Record<number, number>;
  svmChunkOf: Record<number, number>;
  /** Per live chunk id: its pages still in device memory (the zdd's references). */
  svmHeld: Record<number, number>;
}

/** The world's per-key number tables, named in change rows by their index here. */
export const KEYED = [
  'expect',
  'shmem',
  'shmemPages',
  'pinFrames',
  'pinHandles',
  'svmRanges',
  'svmChunks',
  'svmChunkOf',
  'svmHeld',
] as const;
export type Keyed = (typeof KEYED)[number];
export const KEYED_INDEX = Object.fromEntries(KEYED.map((k, i) => [k, i])) as Record<Keyed, number>;

export const ZERO_COUNTERS: Counters = {
  cpuFaults: 0,
  deviceFaults: 0,
  migrateToRam: 0,
  pagesToDevice: 0,
  pagesToHost: 0,
  pageFree: 0,
  invalidations: 0,
  rangeFaultRetries: 0,
  pagesEvicted: 0,
  pagesPinned: 0,
  pinMigrations: 0,
};

// Records are built field by field in their declared order, never by spreading one with
// overrides ({ ...v, state }): V8 copies such a spread through a generic path that costs tens
// of times a literal's, and these are the engine's hottest lines. Every record of the world has
// its keys in this order, so one built here serialises exactly as the spread did.
export const vPage = (
  prot: Prot,
  shared: boolean,
  state: CpuState,
  writable: boolean,
  frame: number,
  dev: number,
  loc: number,
): VPage => ({ prot, shared, state, writable, frame, dev, loc });
/** v with another CPU state, the rest as it was. */
export const withState = (v: VPage, state: CpuState): VPage =>
  vPage(v.prot, v.shared, state, v.writable, v.frame, v.dev, v.loc);
export const hostPage = (
  ref: number,
  map: number,
  locked: boolean,
  value: number,
  pins: number,
): HostPage => ({ ref, map, locked, value, pins });
export const devPage = (
  ref: number,
  zdd: string | null,
  locked: boolean,
  value: number,
  pins: number,
): DevPage => ({ ref, zdd, locked, value, pins });

export const FREE_HOST_PAGE: HostPage = { ref: 0, map: 0, locked: false, value: 0, pins: 0 };
export const FREE_DEV_PAGE: DevPage = { ref: 0, zdd: null, locked: false, value: 0, pins: 0 };

/**
 * Key of a (pid, page) in device page tables and `expect`. pid 1 maps to 0–65535 on purpose:
 * V8 keeps objects whose integer keys start near 0 as fast elements, while keys from 65536 up
 * make them dictionaries that copy a hundred times slower (checkpoints copy them).
 */
export const ptKey = (pid: number, page: number): number => (pid - 1) * 65536 + page;
export const ptKeyPid = (key: number): number => Math.floor(key / 65536) + 1;
export const ptKeyPage = (key: number): number => key % 65536;
/** Key of the i-th page of pin handle `handle` in `pinFrames`. */
// Stryker disable next-line ArithmeticOperator: any one-to-one key works (handles and i stay far below 65536) and no code decodes it
export const pinKey = (handle: number, i: number): number => handle * 65536 + i;
/** A pin handle's entry in `pinHandles`: its page count and whether it is FOLL_LONGTERM. */
export const pinHandleEntry = (count: number, longterm: boolean): number =>
  count * 2 + (longterm ? 1 : 0);
export const pinHandleCount = (entry: number): number => Math.floor(entry / 2);
export const pinHandleLongterm = (entry: number): boolean => entry % 2 === 1;
/** A frame anywhere as one number: host frame f = f; frame f of device d = (d + 1) · 8192 + f. */
export const frameCode = (loc: number, frame: number): number => (loc + 1) * 8192 + frame;
export const frameCodeLoc = (code: number): number => Math.floor(code / 8192) - 1;
export const frameCodeFrame = (code: number): number => code % 8192;

/** Key of page `page` of shmem object `obj` in `shmemPages`. */
// Stryker disable next-line ArithmeticOperator: any one-to-one key works (objects and pages stay far below 65536) and no code decodes it
export const shmemKey = (obj: number, page: number): number => obj * 65536 + page;

/**
 * The value `pid` would read at `page` (mapped as `v`): its frame's (a migration entry's is
 * still its source's: a device frame when the page is coming home); for an untouched page of
 * shared memory, what the object's page cache holds (the fault maps that frame); else 0.
 */
export function pageValue(w: World, pid: number, page: number, v: VPage): number {
  return pageFrame(w, pid, page, v)?.value ?? 0;
}

/** The frame whose value pageValue reads (undefined: none, the page reads 0). Frames are
 *  replaced, never changed in place, so the same object means the same value. */
export function pageFrame(
  w: World,
  pid: number,
  page: number,
  v: VPage,
): HostPage | DevPage | undefined {
  if (v.state === 'device-private' || (v.state === 'migration' && v.dev >= 0))
    return w.devices[v.dev].frames[v.frame];
  if (v.state === 'present' || v.state === 'device-exclusive' || v.state === 'migration')
    return v.loc < 0 ? w.hostFrames[v.frame] : w.devices[v.loc].frames[v.frame];
  const obj = w.shmem[ptKey(pid, page)];
  const cached = obj === undefined ? undefined : w.shmemPages[shmemKey(obj, page)];
  return cached === undefined ? undefined : w.hostFrames[cached];
}

/** The world before any waypoint: empty frames, devices not yet registered (flow A fills them). */
export function emptyWorld(config: ScenarioConfig): World {
  return {
    hostFrames: new Array<HostPage>(config.hostFrames).fill(FREE_HOST_PAGE),
    devices: config.devices.map((d) => ({
      name: d.name,
      size: d.frames,
      memory: deviceMemory(d),
      driver: deviceDriver(d),
      chunk: d.chunk ?? 4,
      frames: [],
      pt: {},
      seq: 0,
      failNextAlloc: false,
    })),
    procs: { 1: { pid: 1, pages: {} } },
    counters: { ...ZERO_COUNTERS },
    expect: {},
    shmem: {},
    shmemPages: {},
    pinFrames: {},
    pinHandles: {},
    svmRanges: {},
    svmChunks: {},
    svmChunkOf: {},
    svmHeld: {},
  };
}

/** A checkpoint: copies of the containers; the immutable records are shared. */
export function cloneWorld(w: World): World {
  const procs: Record<number, Proc> = {};
  for (const k in w.procs) procs[k] = { pid: w.procs[k].pid, pages: { ...w.procs[k].pages } };
  return {
    hostFrames: w.hostFrames.slice(),
    devices: w.devices.map((d) => ({ ...d, frames: d.frames.slice(), pt: { ...d.pt } })),
    procs,
    counters: { ...w.counters },
    expect: { ...w.expect },
    shmem: { ...w.shmem },
    shmemPages: { ...w.shmemPages },
    pinFrames: { ...w.pinFrames },
    pinHandles: { ...w.pinHandles },
    svmRanges: { ...w.svmRanges },
    svmChunks: { ...w.svmChunks },
    svmChunkOf: { ...w.svmChunkOf },
    svmHeld: { ...w.svmHeld },
  };
}
