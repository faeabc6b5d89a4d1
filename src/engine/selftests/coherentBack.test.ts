// L.4 (hmm-model-v2.md): dmirror_devmem_fault_alloc_and_copy erases each page's device entry
// before copy_highpage, and both come before migrate_vma_pages (lib/test_hmm.c: "No device
// finalize step is needed since dmirror_devmem_fault_alloc_and_copy() will have already
// invalidated the device page table"). @1's private flow F keeps hmm-model.md's order.
import { describe, expect, it } from 'vitest';
import { SCENARIO_FORMAT_V2, type Action, type ScenarioConfig } from '../../scenario/types.ts';
import { createTimeline } from '../../timeline/timeline.ts';
import { build, FOUR_PAGES } from './scenario.ts';

const actions: Action[] = [
  ...FOUR_PAGES.map((a) =>
    a.op === 'mmap' ? { ...a, count: 2 } : { ...a, count: 2, values: [7, 8] },
  ),
  { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 2 },
  { op: 'migrate_to_host', device: 'gpu0', start: 0, count: 2 },
];

/** The fns of the last action's waypoints, from the driver's copy to migrate_vma_finalize. */
function backFns(memory: 'private' | 'coherent'): string[] {
  const config: ScenarioConfig = { hostFrames: 8, devices: [{ name: 'gpu0', frames: 4, memory }] };
  const t = createTimeline({ ...build(actions, config), format: SCENARIO_FORMAT_V2 });
  const fns: string[] = [];
  for (let i = 0; i < t.count; i++) {
    const w = t.waypoint(i);
    if (w.action === 3) fns.push(w.fn);
  }
  const from = fns.indexOf('copy_highpage') - (memory === 'coherent' ? 1 : 0);
  return fns.slice(from, fns.indexOf('migrate_vma_finalize') + 1);
}

describe('migrate_to_host: when the device entry goes', () => {
  it('coherent: xa_erase before each copy_highpage, all before migrate_vma_pages (L.4)', () => {
    expect(backFns('coherent')).toEqual([
      'xa_erase',
      'copy_highpage',
      'xa_erase',
      'copy_highpage',
      'migrate_vma_pages',
      'migrate_vma_finalize',
    ]);
  });

  it('private: hmm-model.md flow F order, unchanged (xa_erase after migrate_vma_pages)', () => {
    expect(backFns('private')).toEqual([
      'copy_highpage',
      'copy_highpage',
      'migrate_vma_pages',
      'xa_erase',
      'migrate_vma_finalize',
    ]);
  });
});
