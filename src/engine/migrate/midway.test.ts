// What a migration shows while it runs (hmm-model.md B, C, F): the CPU entries of pages with a
// source page are migration entries from migrate_vma_setup until migrate_vma_finalize puts the
// new page in (remove_migration_ptes), while an untouched page gets its new entry at once in
// migrate_vma_pages (migrate_vma_insert_page); source and destination pages stay locked until
// finalize. The end state of a run cannot tell any of this apart.
import { describe, expect, it } from 'vitest';
import type { Action } from '../../scenario/types.ts';
import { createTimeline, type Timeline } from '../../timeline/timeline.ts';
import { build, FOUR_PAGES } from '../selftests/scenario.ts';

const timeline = (actions: Action[]) => createTimeline(build(actions));

/** The CPU entry's state of pid 1's `page` as action `action` changes it: [fn, state]. */
function pteDuring(tl: Timeline, action: number, page: number): [string, string][] {
  return tl
    .pteEvents(1, page)
    .filter((e) => tl.call(e.seq).action === action)
    .map((e) => [tl.fn(e.seq), e.after?.state ?? 'gone']);
}

/** Whether host frame `frame` is locked after each waypoint of `action`: [fn, locked] at each change. */
function hostLockDuring(tl: Timeline, action: number, frame: number): [string, boolean][] {
  const out: [string, boolean][] = [];
  let last: boolean | undefined;
  for (let i = 0; i < tl.count; i++) {
    if (tl.call(i).action !== action) continue;
    const locked = tl.peek(i, (w) => w.hostFrames[frame].locked);
    if (locked !== last) out.push([tl.fn(i), locked]);
    last = locked;
  }
  return out;
}

describe('migrate_to_device, midway', () => {
  // Page 0 written (host frame 0), page 1 untouched.
  const actions: Action[] = [
    { op: 'mmap', start: 0, count: 2, prot: 'rw' },
    { op: 'cpu_write', start: 0, value: 7 },
    { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 2 },
  ];

  it('a page with a source page is a migration entry until migrate_vma_finalize', () => {
    expect(pteDuring(timeline(actions), 2, 0)).toEqual([
      ['migrate_vma_setup', 'migration'],
      ['migrate_vma_finalize', 'device-private'],
    ]);
  });

  it('an untouched page gets its device-private entry in migrate_vma_pages', () => {
    expect(pteDuring(timeline(actions), 2, 1)).toEqual([['migrate_vma_pages', 'device-private']]);
  });

  it('locks the source host page from migrate_vma_setup until finalize frees it', () => {
    expect(hostLockDuring(timeline(actions), 2, 0)).toEqual([
      ['migrate_vma_setup', false],
      ['migrate_vma_setup', true],
      ['migrate_vma_finalize', false],
    ]);
  });
});

describe('migrate_to_host, midway', () => {
  const toDevice: Action = { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 1 };
  const actions: Action[] = [
    ...FOUR_PAGES,
    toDevice,
    { op: 'migrate_to_host', device: 'gpu0', start: 0, count: 1 },
  ];

  it('the device-private entry is a migration entry until finalize maps the host page', () => {
    expect(pteDuring(timeline(actions), 3, 0)).toEqual([
      ['migrate_vma_setup', 'migration'],
      ['migrate_vma_finalize', 'present'],
    ]);
  });

  it('locks the new host page from its allocation until finalize maps it', () => {
    // Host frame 0 was freed by the migration to gpu0; the page comes home to it.
    const tl = timeline(actions);
    expect(hostLockDuring(tl, 3, 0)).toEqual([
      ['migrate_vma_setup', false],
      ['copy_highpage', true],
      ['migrate_vma_finalize', false],
    ]);
  });

  it('copies in dmirror_devmem_fault_alloc_and_copy, but in dmirror_device_evict_chunk for RELEASE', () => {
    const copyPath = (last: Action) => {
      const tl = timeline([...FOUR_PAGES, toDevice, last]);
      for (let i = 0; i < tl.count; i++) if (tl.fn(i) === 'copy_highpage') return tl.call(i).path;
      return [];
    };
    expect(copyPath({ op: 'migrate_to_host', device: 'gpu0', start: 0, count: 1 })).toEqual([
      'dmirror_migrate_to_system',
      'dmirror_devmem_fault_alloc_and_copy',
    ]);
    expect(copyPath({ op: 'release', device: 'gpu0' })).toEqual([
      'dmirror_device_evict_chunk',
      'dmirror_device_evict_chunk',
    ]);
  });
});
