import { describe, expect, it } from 'vitest';
import type { Action, ScenarioConfig } from '../../scenario/types.ts';
import { SCENARIO_FORMAT_V2 } from '../../scenario/types.ts';
import { runScenario } from '../../timeline/run.ts';
import { createTimeline, type Timeline } from '../../timeline/timeline.ts';
import { build, run as runClean } from '../selftests/scenario.ts';
import type { VPage } from '../state.ts';

const run = (actions: Action[]) =>
  runScenario({
    format: 'hmm-lab/scenario@1',
    config: { hostFrames: 8, devices: [{ name: 'gpu0', frames: 4 }] },
    actions,
  });

describe('fork (flow J)', () => {
  it('shares private pages copy-on-write; the first write copies, the other side keeps its value', () => {
    const r = run([
      { op: 'mmap', start: 0, count: 2, prot: 'rw' },
      { op: 'cpu_write', start: 0, count: 2, values: [1, 2] },
      { op: 'fork' },
      { op: 'cpu_write', start: 0, value: 10 },
      { op: 'cpu_read', pid: 2, start: 0, count: 2 },
      { op: 'cpu_read', start: 0, count: 2 },
    ]);
    expect(r.results[2]).toEqual({ i: 2, op: 'fork', status: 'ok', pid: 2 });
    expect(r.results[4].values).toEqual([1, 2]);
    expect(r.results[5].values).toEqual([10, 2]);
    // 2 first-touch faults + 1 COW fault
    expect(r.counters.cpuFaults).toBe(3);
    // page 1 is still shared: one frame for both; page 0 was copied
    expect(r.hostFrames.free).toBe(8 - 3);
    expect(r.pages.filter((p) => p.page === 1).map((p) => p.writable)).toEqual([false, false]);
    expect(r.invariants.violations).toEqual([]);
  });

  it('shares a device-private page read-only; a CPU touch brings it home for both processes', () => {
    const r = run([
      { op: 'mmap', start: 0, count: 1, prot: 'rw' },
      { op: 'cpu_write', start: 0, value: 5 },
      { op: 'migrate_to_device', device: 'gpu0', start: 0 },
      { op: 'fork' },
      { op: 'snapshot', device: 'gpu0', pid: 2, start: 0 },
      { op: 'cpu_write', pid: 2, start: 0, value: 6 },
      { op: 'cpu_read', start: 0 },
    ]);
    expect(r.results[4].snapshot).toEqual(['dev-private-local+read']);
    expect(r.results[6].values).toEqual([5]);
    expect(r.counters.migrateToRam).toBe(1);
    // one device page freed once, after both mappings left it
    expect(r.counters.pageFree).toBe(1);
    expect(r.pages.map((p) => [p.pid, p.cpu, p.value])).toEqual([
      [1, 'present', 5],
      [2, 'present', 6],
    ]);
    expect(r.invariants.violations).toEqual([]);
  });

  it('fails with ESRCH for a pid that does not exist', () => {
    const r = run([{ op: 'fork', pid: 7 }]);
    expect(r.results[0].status).toBe('ESRCH');
  });
});

const TWO: ScenarioConfig = {
  hostFrames: 8,
  devices: [
    { name: 'gpu0', frames: 4 },
    { name: 'gpu1', frames: 4 },
  ],
};
const timeline = (actions: Action[], config = TWO): Timeline =>
  createTimeline({ ...build(actions, config), format: SCENARIO_FORMAT_V2 });
/** The last PTE pid/page took. */
const lastPte = (tl: Timeline, pid: number, page: number) => tl.pteEvents(pid, page).at(-1)?.after;
/** The waypoints of action `a`. */
const stepsOf = (tl: Timeline, a: number) =>
  Array.from({ length: tl.count }, (_, i) => tl.waypoint(i)).filter((w) => w.action === a);
const entry = (e: Partial<VPage>): VPage => ({
  prot: 'rw',
  shared: false,
  state: 'present',
  writable: false,
  frame: -1,
  dev: -1,
  loc: -1,
  ...e,
});

describe('fork and the page tables (copy_page_range)', () => {
  const FORKED: Action[] = [
    { op: 'mmap', start: 0, count: 4, prot: 'rw' },
    { op: 'cpu_write', start: 0, count: 2, values: [5, 6] },
    { op: 'cpu_read', start: 2 },
    { op: 'dev_read', device: 'gpu1', start: 0, count: 2 },
    { op: 'make_exclusive', device: 'gpu0', start: 3 },
    { op: 'fork' },
  ];

  it('MMU_NOTIFY_PROTECTION_PAGE has no owner: every mirror drops its translations', () => {
    const r = runClean(FORKED, TWO, true);
    expect(r.devices.find((d) => d.name === 'gpu1')?.pageTable).toEqual([]);
  });

  it("an svm device's invalidation for fork is not its own migration", () => {
    const config: ScenarioConfig = {
      hostFrames: 8,
      devices: [
        { name: 'gpu0', frames: 4 },
        { name: 'gpu1', frames: 4, driver: 'svm' },
      ],
    };
    // gpu1's fault made a range of pages 0-3 and migrated it to its VRAM.
    const tl = timeline(
      [
        { op: 'mmap', start: 0, count: 4, prot: 'rw' },
        { op: 'cpu_write', start: 0, count: 2, values: [5, 6] },
        { op: 'dev_read', device: 'gpu1', start: 0, count: 2 },
        { op: 'fork' },
      ],
      config,
    );
    expect(stepsOf(tl, 3).find((w) => w.fn === 'xe_svm_invalidate')?.text).toBe(
      'drm_gpusvm_notifier_invalidate → xe_svm_invalidate: gpu1 bumps its sequence to 2 and zaps 4 GPU PTEs — every page of 1 overlapping range, not just the pages invalidated (xe_pt_zap_ptes_range, drm_gpusvm_range_unmap_pages).',
    );
  });

  it("changes the parent's PTEs it write-protects or restores, and no other", () => {
    const tl = timeline(FORKED);
    const parent = stepsOf(tl, 5).flatMap((w) =>
      w.changes.flatMap((c) => (c.k === 'pte' && c.pid === 1 ? [c.page] : [])),
    );
    // Page 2 maps the zero page, read-only already: its entry is shared as it is.
    expect(parent).toEqual([0, 1, 3]);
  });

  it('an exclusive entry is restored to a present one on both sides, write-protected', () => {
    const tl = timeline(FORKED);
    // make_exclusive faulted page 3 in: host frame 2, the third page touched.
    expect([lastPte(tl, 1, 3), lastPte(tl, 2, 3)]).toEqual([
      entry({ frame: 2 }),
      entry({ frame: 2 }),
    ]);
  });
});

describe('fork of a pinned page (copy_present_page)', () => {
  // Page 1 pinned in host frame 1; frame 0 free again after the munmap of page 0.
  const PINNED: Action[] = [
    { op: 'mmap', start: 0, count: 2, prot: 'rw' },
    { op: 'cpu_write', start: 0, count: 2, values: [5, 6] },
    { op: 'pin', start: 1 },
    { op: 'munmap', start: 0 },
  ];

  it('the child gets a private copy in the lowest free frame; the parent keeps its write bit', () => {
    const tl = timeline([...PINNED, { op: 'fork' }]);
    expect(lastPte(tl, 2, 1)).toEqual(entry({ frame: 0, writable: true }));
    expect(lastPte(tl, 1, 1)).toEqual(entry({ frame: 1, writable: true }));
    const copy = stepsOf(tl, 4).find((w) => w.fn === 'copy_present_page');
    expect(copy?.text).toBe(
      'Page 1 is pinned (folio_maybe_dma_pinned), so fork cannot share it copy-on-write: copy_present_page copies it to host frame 0 for pid 2 at once, and pid 1 keeps its writable PTE to the pinned frame.',
    );
    // The parent's table is not changed: copy_page_range is about pid 1, no page range.
    expect(stepsOf(tl, 4).find((w) => w.fn === 'copy_page_range')?.subject).toEqual({ pid: 1 });
  });

  it("the child's copy is writable only if the VMA is (maybe_mkwrite)", () => {
    const tl = timeline([...PINNED, { op: 'mprotect', start: 1, prot: 'r' }, { op: 'fork' }]);
    expect(lastPte(tl, 2, 1)).toEqual(entry({ prot: 'r', frame: 0 }));
  });

  it('behind a device-exclusive entry: restored in the parent first, then copied', () => {
    // Page 0 pinned and exclusive, page 1 present: the fork's write-protect range is pages 0-1.
    const tl = timeline([
      { op: 'mmap', start: 0, count: 2, prot: 'rw' },
      { op: 'cpu_write', start: 0, count: 2, values: [5, 6] },
      { op: 'pin', start: 0 },
      { op: 'make_exclusive', device: 'gpu0', start: 0 },
      { op: 'fork' },
    ]);
    expect(lastPte(tl, 1, 0)).toEqual(entry({ frame: 0, writable: true }));
    expect(lastPte(tl, 2, 0)).toEqual(entry({ frame: 2, writable: true }));
    const fns = stepsOf(tl, 4).map((w) => w.fn);
    expect(fns.indexOf('try_restore_exclusive_pte')).toBeGreaterThan(-1);
    expect(fns.indexOf('try_restore_exclusive_pte')).toBeLessThan(fns.indexOf('copy_present_page'));
    const restore = stepsOf(tl, 4).find((w) => w.fn === 'try_restore_exclusive_pte');
    expect(restore?.text).toBe(
      "Page 0 is device-exclusive for gpu0: copy_nonpresent_pte restores pid 1's normal PTE first, so the page can be copied as a present one.",
    );
    // About page 0 alone ([lo, hi)), the page whose PTE it changes, not the range fork write-protects.
    expect(restore?.subject).toEqual({ pid: 1, pages: [0, 1] });
  });

  it('with no host frame for the copy, the run goes on with its invariants intact', () => {
    // Host frames 0 and 1 both in use: nothing for copy_present_page.
    const r = runClean(
      [
        { op: 'mmap', start: 0, count: 2, prot: 'rw' },
        { op: 'cpu_write', start: 0, count: 2, values: [5, 6] },
        { op: 'pin', start: 1 },
        { op: 'fork' },
      ],
      { hostFrames: 2, devices: [{ name: 'gpu0', frames: 4 }] },
      true,
    );
    // (The kernel's fork would fail with ENOMEM here: copy_pte_range's folio_prealloc.)
    expect(r.pages.find((p) => p.pid === 1 && p.page === 1)).toMatchObject({
      value: 6,
      pinned: true,
    });
  });
});
