// Each invariant must fire on a world that breaks it, with a message that says where, and stay
// quiet on a real one: the engine's own runs only ever show the quiet side.
import { describe, expect, it } from 'vitest';
import { checkInvariants } from './invariants.ts';
import { cloneWorld, pinHandleEntry, ptKey, withState, type DevPte, type World } from './state.ts';
import { SCENARIO_FORMAT, SCENARIO_FORMAT_V2 } from '../scenario/types.ts';
import { createTimeline } from '../timeline/timeline.ts';

// Page 0 on host frame 0, mirrored by gpu0; page 1 in gpu0's frame 0; page 2 untouched.
function world(): World {
  const tl = createTimeline({
    format: SCENARIO_FORMAT,
    config: { hostFrames: 4, devices: [{ name: 'gpu0', frames: 2 }] },
    actions: [
      { op: 'mmap', start: 0, count: 3, prot: 'rw' },
      { op: 'cpu_write', start: 0, count: 2, values: [5, 6] },
      { op: 'migrate_to_device', device: 'gpu0', start: 1 },
      { op: 'dev_read', device: 'gpu0', start: 0 },
    ],
  });
  return cloneWorld(tl.seek(tl.summary().count - 1).world);
}

const broken = (edit: (w: World) => void) => {
  const w = world();
  edit(w);
  return checkInvariants(w);
};
const page = (w: World, p: number) => w.procs[1].pages[p];
const pte = (w: World, p: number) => w.devices[0].pt[ptKey(1, p)];

describe('checkInvariants', () => {
  it('finds nothing wrong with a world the engine made', () => {
    const w = world();
    expect(page(w, 0)).toMatchObject({ state: 'present', frame: 0, writable: true });
    expect(page(w, 1)).toMatchObject({ state: 'device-private', dev: 0, frame: 0 });
    expect(pte(w, 0)).toMatchObject({ target: 'host', frame: 0, writable: true });
    expect(checkInvariants(w)).toEqual([]);
  });

  it.each<[string, (w: World) => void, number, RegExp]>([
    [
      'a device frame on the free list with zone_device_data',
      (w) => (w.devices[0].frames[1] = { ...w.devices[0].frames[1], zdd: 'x' }),
      1,
      /gpu0 frame 1 is on the free list but still has zone_device_data/,
    ],
    [
      'a free device frame a CPU entry points at',
      (w) => (w.procs[1].pages[2] = { ...page(w, 1), frame: 1 }),
      1,
      /gpu0 frame 1 is on the free list but still mapped/,
    ],
    [
      'a device frame whose refcount is not its CPU entries',
      (w) => (w.devices[0].frames[0] = { ...w.devices[0].frames[0], ref: 2 }),
      1,
      /gpu0 frame 0 has refcount 2 but 1 CPU entries/,
    ],
    [
      'a host frame in use that nothing maps',
      (w) => (w.hostFrames[3] = { ...w.hostFrames[0], map: 0 }),
      2,
      /host frame 3 is in use but nothing maps/,
    ],
    [
      'a free host frame still mapped',
      (w) => (w.hostFrames[0] = { ...w.hostFrames[0], ref: 0 }),
      2,
      /host frame 0 is free but still mapped/,
    ],
    [
      'a host mapcount that is not its PTEs',
      (w) => (w.hostFrames[0] = { ...w.hostFrames[0], map: 2 }),
      2,
      /host frame 0 has mapcount 2 but 1 PTEs map it/,
    ],
    [
      'a device PTE over an unmapped page',
      (w) => delete w.procs[1].pages[0],
      3,
      /gpu0 PTE for pid 1 page 0 outlived the CPU mapping it mirrors/,
    ],
    [
      'a device PTE over another frame',
      (w) => (w.devices[0].pt[ptKey(1, 0)] = { ...pte(w, 0), frame: 1 }),
      3,
      /gpu0 PTE for pid 1 page 0 outlived/,
    ],
    [
      'a writable device PTE over a read-only CPU entry',
      (w) => (w.procs[1].pages[0] = { ...page(w, 0), writable: false }),
      3,
      /gpu0 PTE for pid 1 page 0 is writable but the CPU entry is not/,
    ],
    [
      'an atomic device PTE over a present page',
      (w) => (w.devices[0].pt[ptKey(1, 0)] = { ...pte(w, 0), atomic: true }),
      3,
      /gpu0 PTE for pid 1 page 0 is atomic but the CPU entry is not device-exclusive/,
    ],
    [
      'a migration entry left between actions',
      (w) => (w.procs[1].pages[0] = { ...page(w, 0), state: 'migration' }),
      4,
      /pid 1 page 0 is still a migration entry/,
    ],
    [
      'a locked host frame',
      (w) => (w.hostFrames[0] = { ...w.hostFrames[0], locked: true }),
      4,
      /host frame 0 is still locked/,
    ],
    [
      'a locked device frame',
      (w) => (w.devices[0].frames[0] = { ...w.devices[0].frames[0], locked: true }),
      4,
      /gpu0 frame 0 is still locked/,
    ],
    [
      'a lost write',
      (w) => (w.hostFrames[0] = { ...w.hostFrames[0], value: 9 }),
      5,
      /pid 1 page 0 holds 9 but 5 was written last/,
    ],
  ])('catches %s', (_what, edit, invariant, message) => {
    const found = broken(edit);
    expect(found.map((f) => f.invariant)).toContain(invariant);
    expect(found.find((f) => f.invariant === invariant)!.message).toMatch(message);
  });
});

// @2: cxl0 (coherent) holds page 2 in its frame 0, pinned by handle 1 (not long-term); gpu0
// (private) holds page 1, mirrors pages 0–2, 6 (the zero page) and page 3, its device-exclusive
// entry (atomic); long-term handle 2 pins pages 4 and 5 (host frames 4 and 1).
function world2(): World {
  const tl = createTimeline({
    format: SCENARIO_FORMAT_V2,
    config: {
      hostFrames: 8,
      devices: [
        { name: 'cxl0', frames: 4, memory: 'coherent' },
        { name: 'gpu0', frames: 4 },
      ],
    },
    actions: [
      { op: 'mmap', start: 0, count: 8, prot: 'rw' },
      { op: 'cpu_write', start: 0, count: 5, values: [1, 2, 3, 4, 5] },
      { op: 'migrate_to_device', device: 'gpu0', start: 1 },
      { op: 'migrate_to_device', device: 'cxl0', start: 2 },
      { op: 'pin', start: 2, longterm: false },
      { op: 'make_exclusive', device: 'gpu0', start: 3 },
      { op: 'pin', start: 4, count: 2 },
      { op: 'cpu_read', start: 6 },
      { op: 'dev_read', device: 'gpu0', start: 0, count: 3 },
      { op: 'dev_read', device: 'gpu0', start: 6 },
    ],
  });
  return cloneWorld(tl.seek(tl.summary().count - 1).world);
}
const CXL = 0;
const GPU = 1;
const dpte = (w: World, dev: number, p: number) => w.devices[dev].pt[ptKey(1, p)];

describe('checkInvariants with coherent memory, pins and device-exclusive entries', () => {
  it('finds nothing wrong with a world the engine made', () => {
    const w = world2();
    expect(page(w, 1)).toMatchObject({ state: 'device-private', dev: GPU, frame: 0 });
    expect(page(w, 2)).toMatchObject({ state: 'present', loc: CXL, frame: 0 });
    expect(page(w, 3)).toMatchObject({ state: 'device-exclusive', dev: GPU, loc: -1, frame: 3 });
    expect(page(w, 6)).toMatchObject({ state: 'zero' });
    expect(w.devices[CXL].frames[0]).toMatchObject({ ref: 2, pins: 1 });
    expect([w.hostFrames[4].pins, w.hostFrames[1].pins]).toEqual([1, 1]);
    expect(w.pinHandles).toEqual({ 0: 2, 1: pinHandleEntry(1, false), 2: pinHandleEntry(2, true) });
    expect(dpte(w, GPU, 1)).toMatchObject({ target: 'dev', frame: 0, loc: GPU });
    expect(dpte(w, GPU, 2)).toMatchObject({ target: 'dev', frame: 0, loc: CXL });
    expect(dpte(w, GPU, 3)).toMatchObject({ target: 'host', frame: 3, atomic: true });
    expect(dpte(w, GPU, 6)).toMatchObject({ target: 'zero' });
    expect(checkInvariants(w)).toEqual([]);
  });

  const GONE = 'outlived the CPU mapping it mirrors';
  const pte = (dev: number, p: number, edit: Partial<DevPte>) => (w: World) =>
    (w.devices[dev].pt[ptKey(1, p)] = { ...dpte(w, dev, p), ...edit });
  it.each<[string, (w: World) => void, [number, string][]]>([
    [
      'a device-private entry in coherent memory',
      (w) => (w.devices[GPU] = { ...w.devices[GPU], memory: 'coherent' }),
      [[6, "pid 1 page 1 is device-private but gpu0's memory is coherent"]],
    ],
    [
      'a present entry in private memory, pinned',
      (w) => (w.devices[CXL] = { ...w.devices[CXL], memory: 'private' }),
      [
        [6, 'pid 1 page 2 is present but points at private memory of cxl0'],
        [7, 'cxl0 frame 0 has 1 pins but is device-private'],
      ],
    ],
    [
      'a pinned device frame on the free list',
      (w) => (w.devices[CXL].frames[1] = { ...w.devices[CXL].frames[1], pins: 1 }),
      [
        [7, 'cxl0 frame 1 has 1 pins but is free'],
        [7, 'cxl0 frame 1 has 1 pins but the handles hold 0'],
      ],
    ],
    [
      'a device frame with a pin no handle holds',
      (w) => (w.devices[CXL].frames[0] = { ...w.devices[CXL].frames[0], ref: 3, pins: 2 }),
      [[7, 'cxl0 frame 0 has 2 pins but the handles hold 1']],
    ],
    [
      'a device frame in use without zone_device_data',
      (w) => (w.devices[GPU].frames[0] = { ...w.devices[GPU].frames[0], zdd: null }),
      [[1, 'gpu0 frame 0 has refcount 1 but 1 CPU entries and 0 pins point at it']],
    ],
    [
      'PTEs over a migration entry of a page in coherent memory',
      (w) => (w.procs[1].pages[2] = withState(page(w, 2), 'migration')),
      [
        [4, 'pid 1 page 2 is still a migration entry'],
        [1, 'cxl0 frame 0 has refcount 2 but 0 CPU entries and 1 pins point at it'],
        [3, `cxl0 PTE for pid 1 page 2 ${GONE}`],
        [3, `gpu0 PTE for pid 1 page 2 ${GONE}`],
      ],
    ],
    [
      'a zero-page PTE over a present page',
      pte(GPU, 0, { target: 'zero', frame: -1 }),
      [[3, `gpu0 PTE for pid 1 page 0 ${GONE}`]],
    ],
    [
      "a PTE over the device's own page naming another device",
      pte(GPU, 1, { loc: CXL }),
      [[3, `gpu0 PTE for pid 1 page 1 ${GONE}`]],
    ],
    [
      "a PTE over the device's own page naming another frame",
      pte(GPU, 1, { frame: 1 }),
      [[3, `gpu0 PTE for pid 1 page 1 ${GONE}`]],
    ],
    [
      'a PTE of a process that does not exist',
      (w) => (w.devices[GPU].pt[ptKey(2, 0)] = dpte(w, GPU, 0)),
      [[3, `gpu0 PTE for pid 2 page 0 ${GONE}`]],
    ],
    [
      "a PTE naming its own device over another device's device-private page",
      (w) => (w.devices[CXL].pt[ptKey(1, 1)] = { ...dpte(w, GPU, 1), loc: CXL }),
      [[3, `cxl0 PTE for pid 1 page 1 ${GONE}`]],
    ],
    [
      'a host PTE over a device-private page',
      pte(GPU, 1, { target: 'host', loc: -1 }),
      [[3, `gpu0 PTE for pid 1 page 1 ${GONE}`]],
    ],
    [
      'a PTE over coherent memory naming the wrong device',
      pte(GPU, 2, { loc: GPU }),
      [[3, `gpu0 PTE for pid 1 page 2 ${GONE}`]],
    ],
    [
      'a host PTE over a page in coherent memory',
      pte(GPU, 2, { target: 'host', loc: -1 }),
      [[3, `gpu0 PTE for pid 1 page 2 ${GONE}`]],
    ],
    [
      "an atomic PTE over the device's own device-private page",
      pte(GPU, 1, { atomic: true }),
      [
        [
          3,
          'gpu0 PTE for pid 1 page 1 is atomic but the CPU entry is not device-exclusive for gpu0',
        ],
      ],
    ],
    [
      "an atomic PTE over another device's device-exclusive entry",
      (w) => (w.devices[CXL].pt[ptKey(1, 3)] = dpte(w, GPU, 3)),
      [
        [
          3,
          'cxl0 PTE for pid 1 page 3 is atomic but the CPU entry is not device-exclusive for cxl0',
        ],
      ],
    ],
    [
      'an atomic PTE over an unmapped page',
      (w) => delete w.procs[1].pages[3],
      [
        [3, `gpu0 PTE for pid 1 page 3 ${GONE}`],
        [
          3,
          'gpu0 PTE for pid 1 page 3 is atomic but the CPU entry is not device-exclusive for gpu0',
        ],
        [2, 'host frame 3 is in use but nothing maps, caches or pins it'],
        [2, 'host frame 3 has mapcount 1 but 0 PTEs map it'],
      ],
    ],
    [
      'a free host frame still mapped, its mapcount cleared too: said once, as free',
      (w) => (w.hostFrames[0] = { ...w.hostFrames[0], ref: 0, map: 0 }),
      [[2, 'host frame 0 is free but still mapped']],
    ],
    [
      'a pinned host frame on the free list',
      (w) => (w.hostFrames[2] = { ...w.hostFrames[2], pins: 1 }),
      [
        [7, 'host frame 2 has 1 pins but the handles hold 0'],
        [7, 'host frame 2 is pinned but free'],
      ],
    ],
    [
      'a long-term pin holding a device frame',
      (w) => (w.pinHandles[1] = pinHandleEntry(1, true)),
      [[7, 'long-term pin 1 holds a device frame']],
    ],
    [
      'a handle whose page count leaves out a frame it pinned',
      (w) => (w.pinHandles[2] = pinHandleEntry(1, true)),
      [[7, 'host frame 1 has 1 pins but the handles hold 0']],
    ],
  ])('catches %s', (_what, edit, expected) => {
    const w = world2();
    edit(w);
    expect(checkInvariants(w)).toEqual(
      expected.map(([invariant, message]) => ({ invariant, message })),
    );
  });
});
