// The write-permission judge must catch a write bit the kernel would not have set, and accept
// every one it would: a clean run passes, the same report with one write bit flipped fails.
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../result.ts';
import { SCENARIO_FORMAT, SCENARIO_FORMAT_V2 } from '../../scenario/types.ts';
import type { Action, Scenario } from '../../scenario/types.ts';
import { runScenario } from '../../timeline/run.ts';
import { checkWriteBits } from './writeBits.ts';

const scenario = (actions: Action[]): Scenario => ({
  format: SCENARIO_FORMAT,
  config: { hostFrames: 8, devices: [{ name: 'gpu0', frames: 4 }] },
  actions,
});

// Page 0: written, forked, COW-broken by the child, then migrated by the parent: read-only
// on the device (B.5). Page 1: never touched, migrated: writable (the VMA's bit). Page 2:
// read-only VMA, mirrored by gpu0. Page 3: MAP_SHARED, read by the child.
const s = scenario([
  { op: 'mmap', start: 0, count: 2, prot: 'rw' },
  { op: 'mmap', start: 2, count: 1, prot: 'r' },
  { op: 'mmap', start: 3, count: 1, prot: 'rw', shared: true },
  { op: 'cpu_write', start: 0, value: 5 },
  { op: 'fork' },
  { op: 'cpu_write', pid: 2, start: 0, value: 6 },
  { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 2 },
  { op: 'dev_read', device: 'gpu0', start: 2 },
  { op: 'cpu_read', pid: 2, start: 3 },
  { op: 'dev_read', device: 'gpu0', pid: 2, start: 0 },
]);

const page = (r: RunReport, pid: number, p: number) =>
  r.pages.find((x) => x.pid === pid && x.page === p)!;
const lie = (edit: (r: RunReport) => void): string[] => {
  const r = structuredClone(runScenario(s));
  edit(r);
  return checkWriteBits(s, r);
};

describe('checkWriteBits', () => {
  it('accepts the honest report, whose write bits are what the kernel sets', () => {
    const r = runScenario(s);
    expect(checkWriteBits(s, r)).toEqual([]);
    expect([0, 1, 2, 3].map((p) => page(r, 1, p).writable)).toEqual([false, true, false, false]);
    expect([0, 3].map((p) => page(r, 2, p).writable)).toEqual([true, true]);
  });

  it.each([
    [
      'a device-private entry made writable by the migration',
      (r: RunReport) => {
        page(r, 1, 0).writable = true;
      },
    ],
    [
      'a writable page in a PROT_READ VMA',
      (r: RunReport) => {
        page(r, 1, 2).writable = true;
      },
    ],
    [
      'a writable device PTE over a read-only CPU entry',
      (r: RunReport) => {
        r.devices[0].pageTable.find((e) => e.pid === 1 && e.page === 2)!.writable = true;
      },
    ],
    [
      'a device PTE left writable after the CPU entry lost its write bit',
      (r: RunReport) => {
        page(r, 2, 0).writable = false;
      },
    ],
  ])('rejects %s', (_what, edit) => {
    expect(lie(edit).length).toBeGreaterThan(0);
  });

  it('write-protects both sides of fork until each writes', () => {
    const f = scenario([
      { op: 'mmap', start: 0, count: 1, prot: 'rw' },
      { op: 'cpu_write', start: 0, value: 1 },
      { op: 'fork' },
    ]);
    const r = runScenario(f);
    expect(checkWriteBits(f, r)).toEqual([]);
    page(r, 2, 0).writable = true;
    expect(checkWriteBits(f, r)).toEqual([
      'pid 2 page 0 (present) is writable, but nothing since it was write-protected could make it so',
    ]);
  });

  // copy_present_pte → copy_present_page (folio_needs_cow_for_dma): a pinned page is copied at
  // fork, so neither side is write-protected; a page pinned and unpinned before fork is not.
  it('leaves a page pinned at fork writable on both sides, and only while the pin is held', () => {
    const f: Scenario = {
      format: SCENARIO_FORMAT_V2,
      config: { hostFrames: 8, devices: [{ name: 'gpu0', frames: 4 }] },
      actions: [
        { op: 'mmap', start: 0, count: 2, prot: 'rw' },
        { op: 'pin', start: 0, count: 1 },
        { op: 'pin', start: 1, count: 1 },
        { op: 'unpin', pin: 2 },
        { op: 'fork' },
      ],
    };
    const r = runScenario(f);
    expect(checkWriteBits(f, r)).toEqual([]);
    expect([1, 2].map((pid) => page(r, pid, 0).writable)).toEqual([true, true]);
    expect([1, 2].map((pid) => page(r, pid, 1).writable)).toEqual([false, false]);
    page(r, 2, 1).writable = true;
    expect(checkWriteBits(f, r)).toEqual([
      'pid 2 page 1 (present) is writable, but nothing since it was write-protected could make it so',
    ]);
  });
});
