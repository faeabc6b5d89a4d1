// Each invariant must fire on a world that breaks it, with a message that says where, and stay
// quiet on a real one: the engine's own runs only ever show the quiet side.
import { describe, expect, it } from 'vitest';
import { checkInvariants } from './invariants.ts';
import { cloneWorld, ptKey, type World } from './state.ts';
import { SCENARIO_FORMAT } from '../scenario/types.ts';
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
