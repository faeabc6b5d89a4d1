// A chunk's way home (flows Q and R) in detail: which CPU entries the move finds (its range, and
// after fork the rmap walk), what it invalidates, the order host pages are taken in, what a move
// that found no host RAM restores, and the PTEs and host pages it leaves.
import { describe, expect, it } from 'vitest';
import { runSvm, saidLast as said, XE, XE_COHERENT as COHERENT } from '../selftests/svm.ts';
import { vpage } from '../selftests/scenario.ts';
import { SCENARIO_FORMAT_V2, type Action, type ScenarioConfig } from '../../scenario/types.ts';
import { createTimeline, type Timeline } from '../../timeline/timeline.ts';

const TWELVE: Action[] = [
  { op: 'mmap', start: 0, count: 12, prot: 'rw' },
  { op: 'cpu_write', start: 0, count: 12, values: [...Array(12).keys()].map((k) => 100 + k) },
];
const read = (start: number): Action => ({ op: 'dev_read', device: 'xe0', start, count: 1 });
const release: Action = { op: 'release', device: 'xe0' };

/** pid/page in the report, as [cpu, location, value]. */
const page = (r: ReturnType<typeof runSvm>, pid: number, p: number) => {
  const x = r.pages.find((q) => q.pid === pid && q.page === p);
  return x && [x.cpu, x.location, x.value];
};

const timeline = (actions: Action[], config: ScenarioConfig): Timeline =>
  createTimeline({ format: SCENARIO_FORMAT_V2, title: 'toRam', config, actions });
const lastPte = (tl: Timeline, pid: number, p: number) => tl.pteEvents(pid, p).at(-1)?.after;
describe('the entries a move home finds', () => {
  it('a page of the range already home is not the chunk’s, whatever its host frame', () => {
    // The long-term pin moved page 1 to host frame 0, the number of the chunk's first VRAM frame.
    const r = runSvm(
      [...TWELVE, read(0), { op: 'pin', start: 1, longterm: true }, release],
      COHERENT,
      true,
    );
    expect(r.results.at(-1)).toMatchObject({ status: 'ok', cpages: 3 });
    expect(said(r, 'folio_alloc')).toEqual([
      'Host frame 1 will take page 0 from xe0 frame 0.',
      'Host frame 2 will take page 2 from xe0 frame 2.',
      'Host frame 3 will take page 3 from xe0 frame 3.',
    ]);
    expect(r.pages[1]).toMatchObject({
      cpu: 'present',
      location: 'host',
      value: 101,
      pinned: true,
    });
  });

  it('a CPU touch after fork takes the other process’s entries home too (try_to_migrate)', () => {
    const r = runSvm([...TWELVE, read(0), { op: 'fork' }, { op: 'cpu_read', start: 0 }], XE, true);
    for (const pid of [1, 2])
      expect([0, 1, 2, 3].map((p) => page(r, pid, p))).toEqual([
        ['present', 'host', 100],
        ['present', 'host', 101],
        ['present', 'host', 102],
        ['present', 'host', 103],
      ]);
    expect(r.devices[0].chunks).toEqual([]);
    // migrate_vma_setup's MMU_NOTIFY_MIGRATE covers the faulting process's pages; the child's
    // entries are unmapped by try_to_migrate, one MMU_NOTIFY_CLEAR each.
    expect(said(r, 'mmu_notifier_invalidate_range_start')).toEqual([
      'MMU_NOTIFY_MIGRATE for pages 0–3: the pages are being migrated, so every mirror must drop its translations before the CPU page table changes.',
      ...[0, 1, 2, 3].map(
        (p) =>
          `MMU_NOTIFY_CLEAR for page ${p}: a page-table entry is being replaced, so every mirror must drop its translations before the CPU page table changes.`,
      ),
    ]);
  });

  it('after fork, only the pages of the faulting VMA move, for both processes', () => {
    // The parent's mprotect splits its VMA: the fault's range is pages 0–2; page 3 stays in
    // VRAM for both processes, and so does the chunk.
    const r = runSvm(
      [
        ...TWELVE,
        read(0),
        { op: 'fork' },
        { op: 'mprotect', start: 3, prot: 'r' },
        { op: 'cpu_read', start: 0 },
      ],
      XE,
    );
    for (const pid of [1, 2]) {
      expect([0, 1, 2].map((p) => page(r, pid, p)![1])).toEqual(['host', 'host', 'host']);
      expect(page(r, pid, 3)).toEqual(['device-private', 'xe0', 103]);
    }
    expect(r.devices[0].chunks).toEqual([{ pid: 1, start: 0, count: 4 }]);
  });

  it('an eviction finds the pages only a fork child still maps, and takes them home in address order', () => {
    // The parent unmapped pages 0–1 (its range went; coherent pages stay in VRAM): the rmap walk
    // meets the parent's pages 2–3 first, then the child's 0–1.
    const r = runSvm(
      [...TWELVE, read(0), { op: 'fork' }, { op: 'munmap', start: 0, count: 2 }, release],
      COHERENT,
      true,
    );
    expect(r.results.at(-1)).toMatchObject({ status: 'ok', cpages: 4 });
    expect(said(r, 'folio_alloc')).toEqual([
      'Host frame 0 will take page 0 from xe0 frame 0.',
      'Host frame 1 will take page 1 from xe0 frame 1.',
      'Host frame 2 will take page 2 from xe0 frame 2.',
      'Host frame 3 will take page 3 from xe0 frame 3.',
    ]);
    expect([0, 1, 2, 3].map((p) => page(r, 2, p))).toEqual([
      ['present', 'host', 100],
      ['present', 'host', 101],
      ['present', 'host', 102],
      ['present', 'host', 103],
    ]);
    expect(r.devices[0].chunks).toEqual([]);
  });

  it('migrate_to_ram moves the chunk holding the page, not its whole VMA', () => {
    const r = runSvm([...TWELVE, read(4), { op: 'cpu_read', start: 4 }], XE, true);
    expect(said(r, 'migrate_vma_setup')[0]).toBe(
      'migrate_vma_setup with MIGRATE_VMA_SELECT_DEVICE_PRIVATE over pages 4–7 (the chunk, clipped to the VMA) selects the 4 pages of chunk 1 and locks them.',
    );
  });

  it('migrate_to_ram clips the chunk to the faulting VMA: a shared mapping is another VMA', () => {
    // mmap over pages 2–3 unmaps them; the garbage collector faults pages 0–1 home.
    const r = runSvm(
      [...TWELVE, read(0), { op: 'mmap', start: 2, count: 2, prot: 'rw', shared: true }],
      XE,
      true,
    );
    expect(said(r, 'migrate_vma_setup')[0]).toBe(
      'migrate_vma_setup with MIGRATE_VMA_SELECT_DEVICE_PRIVATE over pages 0–1 (the chunk, clipped to the VMA) selects the 2 pages of chunk 1 and locks them.',
    );
  });
});

describe('what a move home leaves', () => {
  it('present PTEs to the host pages, writable as the entries were', () => {
    const tl = timeline([...TWELVE, read(0), { op: 'cpu_read', start: 0 }], XE);
    expect([0, 1, 2, 3].map((p) => lastPte(tl, 1, p))).toEqual(
      [0, 1, 2, 3].map((frame) => vpage({ frame })),
    );
  });

  it('each host page is allocated locked (drm_pagemap_migrate_populate_ram_pfn)', () => {
    const tl = timeline([...TWELVE, read(0), { op: 'cpu_read', start: 0 }], XE);
    const allocs = Array.from({ length: tl.count }, (_, i) => i).filter(
      (i) => tl.fn(i) === 'vma_alloc_folio',
    );
    expect(allocs).toHaveLength(4);
    for (const i of allocs)
      expect(tl.changes(i).flatMap((c) => (c.k === 'host' ? [c.after.locked] : []))).toEqual([
        true,
      ]);
  });

  it('an eviction that moves nothing (every page pinned) unmaps, copies and maps nothing', () => {
    const r = runSvm(
      [...TWELVE, read(0), { op: 'pin', start: 0, count: 4, longterm: false }, release],
      COHERENT,
      true,
    );
    const fns = r.trace!.filter((t) => t.action === 4).map((t) => t.fn);
    expect(fns).not.toContain('migrate_device_unmap');
    expect(fns).not.toContain('xe_svm_copy_to_ram');
    expect(said(r, 'migrate_device_pages')).toEqual(['migrate_device_pages has nothing to move.']);
    expect(said(r, 'migrate_device_finalize')).toEqual(['migrate_device_finalize: nothing moved.']);
  });
});

describe('a move home without host RAM for every page: nothing moves', () => {
  const paths = (tl: Timeline, action: number, fn: string) =>
    Array.from({ length: tl.count }, (_, i) => tl.call(i))
      .filter((w) => w.action === action && w.fn === fn)
      .map((w) => w.path.join(' › '));

  it('an eviction: a device-exclusive entry comes back as an ordinary present PTE', () => {
    const config: ScenarioConfig = {
      hostFrames: 6,
      devices: [
        ...COHERENT.devices.map((d) => ({ ...d, frames: 4 })),
        { name: 'mirror0', frames: 4 },
      ],
    };
    const tl = timeline(
      [
        { op: 'mmap', start: 0, count: 8, prot: 'rw' },
        { op: 'cpu_write', start: 0, count: 4, values: [100, 101, 102, 103] },
        read(0),
        { op: 'make_exclusive', device: 'mirror0', start: 1 },
        // Host RAM: 2 frames left for the chunk's 4 pages.
        { op: 'cpu_write', start: 4, count: 4, values: [1, 2, 3, 4] },
        release,
      ],
      config,
    );
    const r = tl.report();
    expect(r.invariants.violations).toEqual([]);
    expect(r.results[5]).toMatchObject({ status: 'ENOMEM', cpages: 0 });
    // try_to_migrate_one took the exclusive access away: remove_migration_ptes restores a
    // present PTE to the coherent frame, and mirror0 no longer maps the page.
    expect(lastPte(tl, 1, 1)).toEqual(vpage({ frame: 1, loc: 0 }));
    expect(r.devices[1].pageTable).toEqual([]);
    expect(paths(tl, 5, 'migrate_device_finalize')).toEqual([
      'xe_bo_evict_all › ttm_bo_evict › migrate_device_finalize',
    ]);
  });

  it('a CPU touch: the restore is migrate_vma_finalize’s', () => {
    const tl = timeline(
      [
        { op: 'mmap', start: 0, count: 8, prot: 'rw' },
        { op: 'dev_write', device: 'xe0', start: 0, count: 4, value: 9 },
        { op: 'cpu_write', start: 4, count: 2, values: [1, 1] },
        { op: 'cpu_read', start: 0 },
      ],
      { hostFrames: 2, devices: [{ name: 'xe0', frames: 4, driver: 'svm', chunk: 4 }] },
    );
    expect(tl.report().results[3].status).toBe('ENOMEM');
    expect(paths(tl, 3, 'migrate_vma_finalize')).toEqual([
      'handle_mm_fault › do_swap_page › drm_pagemap_migrate_to_ram › migrate_vma_finalize',
    ]);
  });
});
