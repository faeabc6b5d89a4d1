// The state part of the CLI's result document (pages, devices, hostFrames, counters), built in
// the documented key order. `v2` adds the result@2 fields, each after the @1 keys of its object.
import type { DeviceReport, PageReport, ReportCounters } from './result.ts';
import { pageValue, ptKeyPage, ptKeyPid, type Counters, type VPage, type World } from './state.ts';
import { COUNTERS } from './store/kinds.ts';
import { freeFrames, lruOf } from './svm/state.ts';

/** The counters result@1 prints (the @2 ones come after them in COUNTERS). */
const V1_COUNTERS = 8;

export function reportPages(w: World, v2 = false): PageReport[] {
  const out: PageReport[] = [];
  // Integer keys enumerate in ascending order (the language guarantees it): no sort needed.
  for (const pid of Object.keys(w.procs).map(Number)) {
    const pages = w.procs[pid].pages;
    for (const page of Object.keys(pages).map(Number))
      out.push(reportPage(w, pid, page, pages[page], v2));
  }
  return out;
}

/** One page's line of the report; `prev` itself when it already says the same (a caller that
 *  keeps reports across steps allocates only for the pages that changed). */
export function reportPage(
  w: World,
  pid: number,
  page: number,
  v: VPage,
  v2: boolean,
  prev?: PageReport,
): PageReport {
  const cpu = v.state === 'migration' ? 'present' : v.state;
  const location =
    cpu === 'none' ? 'none' : cpu === 'device-private' ? w.devices[v.dev].name : frameHome(w, v);
  const value = pageValue(w, pid, page, v);
  const pinned = v2 ? framePins(w, v.state, v.frame, v.loc) > 0 : undefined;
  if (
    prev?.pid === pid &&
    prev.page === page &&
    prev.cpu === cpu &&
    prev.writable === v.writable &&
    prev.location === location &&
    prev.value === value &&
    prev.pinned === pinned
  )
    return prev;
  const r: PageReport = { pid, page, cpu, writable: v.writable, location, value };
  if (v2) r.pinned = pinned;
  return r;
}

/** Where the frame of a present, device-exclusive or migration entry is: 'host', or the name of
 *  the device whose MEMORY_DEVICE_COHERENT frame the CPU maps (the CLI's and the UI's location). */
export const frameHome = (w: World, v: VPage): string =>
  v.loc >= 0 ? w.devices[v.loc].name : 'host';

/** Pins on the frame a present/device-exclusive/migration entry maps (0 for other entries). */
function framePins(w: World, state: string, frame: number, loc: number): number {
  if (state !== 'present' && state !== 'device-exclusive' && state !== 'migration') return 0;
  return loc < 0 ? w.hostFrames[frame].pins : w.devices[loc].frames[frame].pins;
}

export function reportDevices(w: World, v2 = false): DeviceReport[] {
  return w.devices.map((d, dev) => {
    const r: DeviceReport = {
      name: d.name,
      frames: d.size,
      // An svm device's frame is free iff no live chunk owns it (TTM's VRAM, no free list).
      free:
        d.driver === 'svm' ? freeFrames(w, dev).length : d.frames.filter((p) => p.ref === 0).length,
      pageTable: Object.keys(d.pt)
        .map(Number)
        .map((key) => {
          const e = d.pt[key];
          return {
            pid: ptKeyPid(key),
            page: ptKeyPage(key),
            target: e.target === 'dev' ? w.devices[e.loc].name : 'host',
            writable: e.writable,
            atomic: e.atomic,
            frame: e.target === 'zero' ? ('zero' as const) : e.frame,
          };
        }),
      seq: d.seq,
      allocated: d.frames.flatMap((p, frame) =>
        // Stryker disable next-line StringLiteral: '' is never printed: a frame in use always has its zone_device_data (allocation sets both; only page_free clears it, with the refcount)
        p.ref > 0 ? [{ frame, zoneDeviceData: p.zdd ?? '', value: p.value }] : [],
      ),
    };
    if (v2) {
      r.memory = d.memory;
      r.driver = d.driver;
      r.pinned = d.frames.filter((p) => p.pins > 0).length;
      if (d.driver === 'svm')
        r.chunks = lruOf(w, dev).map((ch) => ({ pid: ch.pid, start: ch.start, count: ch.count }));
    }
    return r;
  });
}

export function reportHostFrames(w: World, v2 = false) {
  const total = w.hostFrames.length;
  const free = w.hostFrames.filter((p) => p.ref === 0).length;
  if (!v2) return { total, free };
  return { total, free, pinned: w.hostFrames.filter((p) => p.pins > 0).length };
}

export function reportCounters(w: World, v2: boolean): ReportCounters {
  const out: Partial<Counters> = {};
  const n = v2 ? COUNTERS.length : V1_COUNTERS;
  for (let i = 0; i < n; i++) out[COUNTERS[i]] = w.counters[COUNTERS[i]];
  return out as ReportCounters;
}
