// drm_pagemap_migrate_to_devmem (flow P.3b–c) in detail: the VMA check before migrate_vma_setup,
// which pages migrate_vma_collect_pmd leaves out, and the entries and pages on the way.
import { describe, expect, it } from 'vitest';
import { runSvm, saidLast as said, XE, XE_COHERENT as COHERENT } from '../selftests/svm.ts';
import { vpage } from '../selftests/scenario.ts';
import { SCENARIO_FORMAT_V2, type Action, type ScenarioConfig } from '../../scenario/types.ts';
import { createTimeline, type Timeline } from '../../timeline/timeline.ts';

const FOUR: Action[] = [
  { op: 'mmap', start: 0, count: 8, prot: 'rw' },
  { op: 'cpu_write', start: 0, count: 4, values: [100, 101, 102, 103] },
];
const read = (start: number): Action => ({ op: 'dev_read', device: 'xe0', start, count: 1 });

const timeline = (actions: Action[], config: ScenarioConfig): Timeline =>
  createTimeline({ format: SCENARIO_FORMAT_V2, title: 'toDevmem', config, actions });
/** The waypoints of action `a` whose fn is `fn`. */
const steps = (tl: Timeline, a: number, fn: string) =>
  Array.from({ length: tl.count }, (_, i) => i).filter(
    (i) => tl.call(i).action === a && tl.fn(i) === fn,
  );
describe('the range must still lie inside one VMA', () => {
  it('an mprotect since the range was made: -EINVAL, the chunk goes, nothing moves', () => {
    // The first fault made range 0–3 but got no VRAM; mprotect keeps the range (unbound).
    const r = runSvm(
      [
        ...FOUR,
        { op: 'fail_next_alloc', device: 'xe0' },
        read(0),
        { op: 'mprotect', start: 2, prot: 'r' },
        read(0),
      ],
      XE,
      true,
    );
    expect(said(r, 'drm_pagemap_migrate_to_devmem')).toEqual([
      'The range no longer lies inside one VMA (page 2 differs): -EINVAL before migrate_vma_setup.',
    ]);
    expect(said(r, 'xe_svm_devmem_release')[0]).toContain(
      'is released because the migration could not start',
    );
    expect(r.pages.slice(0, 4).map((p) => p.location)).toEqual(['host', 'host', 'host', 'host']);
    expect(r.devices[0].chunks).toEqual([]);
    expect(r.counters.pagesToDevice).toBe(0);
    expect(said(r, 'migrate_vma_setup')).toEqual([]);
    expect(said(r, 'xe_svm_handle_pagefault').at(-1)).toBe(
      'No VRAM for the range this time: xe0 falls back to mirroring the pages where they are.',
    );
    // hmm_range_fault then meets the read-only page: the access fails.
    expect(r.results.at(-1)).toMatchObject({ status: 'EPERM' });
  });
});

describe('pages migrate_vma_collect_pmd leaves out: the migration is aborted', () => {
  it('a page shared with another process since fork', () => {
    const r = runSvm([...FOUR, { op: 'fork' }, read(0)], XE, true);
    expect(said(r, 'migrate_vma_setup')[1]).toBe(
      'It collects 0 of 4 pages: page 0 is shared with another process since fork, so it cannot be selected.',
    );
    expect(r.devices[0].chunks).toEqual([]);
  });

  it('this device’s own coherent page, pinned', () => {
    // Page 2's munmap removed the range; the chunk lives on with pages 0, 1 and 3. Page 1 is
    // pinned in its coherent frame, so the new range 0–3 cannot take it.
    const r = runSvm(
      [
        ...FOUR,
        read(0),
        { op: 'munmap', start: 2 },
        { op: 'mmap', start: 2, prot: 'rw' },
        { op: 'pin', start: 1, longterm: false },
        read(2),
      ],
      COHERENT,
      true,
    );
    expect(said(r, 'migrate_vma_setup')[1]).toBe(
      'It collects 3 of 4 pages: page 1 is pinned (folio_maybe_dma_pinned), so it cannot be selected.',
    );
    expect(r.pages[1]).toMatchObject({ location: 'xe0', pinned: true });
  });

  it('this device’s own coherent page, shared since fork', () => {
    const r = runSvm(
      [
        ...FOUR,
        read(0),
        { op: 'munmap', start: 2 },
        { op: 'mmap', start: 2, prot: 'rw' },
        { op: 'fork' },
        read(2),
      ],
      COHERENT,
      true,
    );
    expect(said(r, 'migrate_vma_setup')[1]).toBe(
      'It collects 1 of 4 pages: page 0 is shared with another process since fork, so it cannot be selected.',
    );
  });
});

describe('the entries and pages on the way', () => {
  // Page 0 present (written), page 4 untouched: range 4–7 is all none.
  const tl = () => timeline([...FOUR, read(0), read(4)], XE);

  it('a present page becomes a migration entry at setup, a device entry at finalize', () => {
    const t = tl();
    expect(
      t
        .pteEvents(1, 0)
        .slice(-2)
        .map((e) => e.after!.state),
    ).toEqual(['migration', 'device-private']);
    const setup = steps(t, 2, 'migrate_vma_setup');
    const locked = setup.flatMap((i) =>
      t.changes(i).flatMap((c) => (c.k === 'host' ? [[c.frame, c.after.locked]] : [])),
    );
    expect(locked).toEqual([
      [0, true],
      [1, true],
      [2, true],
      [3, true],
    ]);
  });

  it('an untouched page gets its device entry at migrate_vma_pages, writable (VM_WRITE)', () => {
    const t = tl();
    const ev = t.pteEvents(1, 4);
    expect(ev.map((e) => e.after!.state)).toEqual(['none', 'device-private']);
    expect(steps(t, 3, 'migrate_vma_pages')).toContain(ev[1].seq);
    expect(ev[1].after).toEqual(vpage({ state: 'device-private', frame: 4, dev: 0 }));
  });

  it('each device page is locked while it is filled (drm_pagemap_get_devmem_page)', () => {
    const t = tl();
    const got = steps(t, 2, 'drm_pagemap_get_devmem_page');
    expect(got).toHaveLength(4);
    for (const i of got)
      expect(t.changes(i).flatMap((c) => (c.k === 'dpage' ? [c.after?.locked] : []))).toEqual([
        true,
      ]);
  });

  it('coherent memory: present PTEs to the device frames', () => {
    const t = timeline([...FOUR, read(0)], COHERENT);
    expect([0, 1, 2, 3].map((p) => t.pteEvents(1, p).at(-1)!.after)).toEqual(
      [0, 1, 2, 3].map((frame) => vpage({ frame, loc: 0 })),
    );
  });
});
