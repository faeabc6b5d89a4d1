// An svm device with coherent memory (hmm-model-v2.md K–N with O–R; amdgpu on a CPU-coherent
// part): a GPU fault migrates the range into coherent VRAM mapped by present PTEs, the CPU uses
// them without faulting, eviction takes present and device-exclusive entries home, and a
// long-term pin moves the page out through the svm free hook.
import { describe, expect, it } from 'vitest';
import { runSvm } from '../selftests/svm.ts';
import type { Action, ScenarioConfig } from '../../scenario/types.ts';

const XE: ScenarioConfig = {
  hostFrames: 32,
  devices: [{ name: 'xe0', frames: 8, driver: 'svm', chunk: 4, memory: 'coherent' }],
};
const TWELVE: Action[] = [
  { op: 'mmap', start: 0, count: 12, prot: 'rw' },
  { op: 'cpu_write', start: 0, count: 12, values: [...Array(12).keys()].map((k) => 100 + k) },
];
const read = (start: number, device = 'xe0'): Action => ({
  op: 'dev_read',
  device,
  start,
  count: 1,
});
const fns = (r: ReturnType<typeof runSvm>) => r.trace!.map((t) => t.fn);

describe('svm with coherent memory', () => {
  it('a GPU fault migrates the whole range into coherent VRAM with present PTEs', () => {
    const r = runSvm([...TWELVE, read(1)], XE, true);
    expect(r.pages.slice(0, 4).map((p) => [p.cpu, p.location, p.value])).toEqual([
      ['present', 'xe0', 100],
      ['present', 'xe0', 101],
      ['present', 'xe0', 102],
      ['present', 'xe0', 103],
    ]);
    expect(r.pages[4].location).toBe('host');
    expect(r.devices[0].chunks).toEqual([{ pid: 1, start: 0, count: 4 }]);
    expect(r.counters).toMatchObject({ pagesToDevice: 4, deviceFaults: 1 });
    expect(r.devices[0].pageTable.map((e) => [e.page, e.target])).toEqual([
      [0, 'xe0'],
      [1, 'xe0'],
      [2, 'xe0'],
      [3, 'xe0'],
    ]);
  });

  it('a second fault on the range finds it in VRAM and does not migrate again', () => {
    const r = runSvm(
      [
        ...TWELVE,
        read(1),
        { op: 'cpu_write', start: 2, values: [7] },
        // mprotect's invalidation unbinds the range; its pages stay in coherent VRAM.
        { op: 'mprotect', start: 2, prot: 'r' },
        { op: 'mprotect', start: 2, prot: 'rw' },
        read(2),
      ],
      XE,
      true,
    );
    expect(r.counters).toMatchObject({ pagesToDevice: 4, deviceFaults: 2 });
    expect(r.trace!.map((t) => t.text)).toContain(
      "Every page of the range is already in xe0's VRAM: no migration.",
    );
    expect(r.pages[2]).toMatchObject({ cpu: 'present', location: 'xe0', value: 7 });
  });

  it('a CPU touch of a coherent page does not fault and brings nothing home', () => {
    const r = runSvm(
      [
        ...TWELVE,
        read(0),
        { op: 'cpu_read', start: 1 },
        { op: 'cpu_write', start: 2, values: [9] },
      ],
      XE,
      true,
    );
    // The only CPU faults are TWELVE's first touches of its 12 untouched pages.
    expect(r.counters).toMatchObject({ cpuFaults: 12, migrateToRam: 0, pagesToHost: 0 });
    expect(fns(r)).not.toContain('drm_pagemap_migrate_to_ram');
    expect(r.pages[2]).toMatchObject({ cpu: 'present', location: 'xe0', value: 9 });
    // The GPU's mapping stays valid: the bus is coherent, nothing was invalidated.
    expect(r.devices[0].pageTable).toHaveLength(4);
  });

  it('VRAM full: the oldest coherent chunk is evicted through its present PTEs', () => {
    const r = runSvm([...TWELVE, read(0), read(4), read(8)], XE);
    expect(r.devices[0].chunks!.map((c) => c.start)).toEqual([4, 8]);
    expect(r.pages.slice(0, 4).map((p) => [p.cpu, p.location, p.value])).toEqual([
      ['present', 'host', 100],
      ['present', 'host', 101],
      ['present', 'host', 102],
      ['present', 'host', 103],
    ]);
    expect(r.counters).toMatchObject({ pagesEvicted: 4, pagesToHost: 4, pageFree: 4 });
  });

  it('release evicts every coherent chunk', () => {
    const r = runSvm([...TWELVE, read(0), read(4), { op: 'release', device: 'xe0' }], XE);
    expect(r.results.at(-1)).toMatchObject({ status: 'ok', cpages: 8 });
    expect(r.devices[0].chunks).toEqual([]);
    expect(r.pages.slice(0, 8).every((p) => p.location === 'host')).toBe(true);
  });

  it('a long-term pin moves the page home through the svm free hook; the chunk keeps the rest', () => {
    const r = runSvm([...TWELVE, read(0), { op: 'pin', start: 1, longterm: true }], XE);
    expect(r.results.at(-1)).toMatchObject({ status: 'ok' });
    expect(r.pages[1]).toMatchObject({ cpu: 'present', location: 'host', value: 101 });
    expect(r.pages[0].location).toBe('xe0');
    expect(r.devices[0].chunks).toEqual([{ pid: 1, start: 0, count: 4 }]);
    expect(r.counters).toMatchObject({ pinMigrations: 1, pageFree: 1 });
  });

  it('a long-term pin of every page of a chunk releases the chunk', () => {
    const r = runSvm([...TWELVE, read(0), { op: 'pin', start: 0, count: 4, longterm: true }], XE);
    expect(r.devices[0].chunks).toEqual([]);
    expect(r.pages.slice(0, 4).every((p) => p.location === 'host')).toBe(true);
  });

  it('a short-term pin keeps its page in VRAM through an eviction, which then fails', () => {
    const r = runSvm(
      [...TWELVE, read(0), read(4), { op: 'pin', start: 1, longterm: false }, read(8)],
      XE,
      true,
    );
    // The pinned page stays; the others of chunk 1 went home; no room for the third chunk.
    expect(r.pages[1]).toMatchObject({ cpu: 'present', location: 'xe0', value: 101 });
    expect([0, 2, 3].map((p) => r.pages[p].location)).toEqual(['host', 'host', 'host']);
    expect(r.devices[0].chunks!.map((c) => c.start)).toEqual([0, 4]);
    expect(r.pages[8].location).toBe('host');
    expect(r.counters).toMatchObject({ pagesEvicted: 3 });
  });

  it('a dmirror make_exclusive on an svm coherent page is taken home by the eviction', () => {
    const config: ScenarioConfig = {
      hostFrames: 32,
      devices: [...XE.devices, { name: 'mirror0', frames: 4 }],
    };
    const r = runSvm(
      [
        ...TWELVE,
        read(0),
        { op: 'make_exclusive', device: 'mirror0', start: 1 },
        read(4),
        read(8),
        { op: 'cpu_write', start: 1, values: [55] },
      ],
      config,
    );
    expect(r.devices[0].chunks!.map((c) => c.start)).toEqual([4, 8]);
    expect(r.pages[1]).toMatchObject({ cpu: 'present', location: 'host', value: 55 });
    expect(r.devices[1].pageTable).toEqual([]);
  });

  it('the garbage collector leaves coherent pages of a partly unmapped range in VRAM', () => {
    // drm_gpusvm_range_evict faults without an owner: present coherent PTEs need no fault.
    const r = runSvm([...TWELVE, read(0), { op: 'munmap', start: 2 }], XE, true);
    const at = (page: number) => r.pages.find((p) => p.page === page);
    expect([0, 1, 2, 3].map((p) => at(p)?.location)).toEqual(['xe0', 'xe0', undefined, 'xe0']);
    expect(r.devices[0].chunks).toEqual([{ pid: 1, start: 0, count: 4 }]);
    expect(r.devices[0].pageTable).toEqual([]);
    expect(fns(r)).toContain('drm_gpusvm_range_remove');
    expect(fns(r)).not.toContain('drm_gpusvm_range_evict');
  });

  it('migrates this device’s own coherent pages into a new chunk with the rest of a range', () => {
    // Page 3's range is removed with page 2's munmap; its chunk lives on holding pages 0, 1, 3.
    const r = runSvm(
      [
        ...TWELVE,
        read(0),
        { op: 'munmap', start: 2 },
        { op: 'mmap', start: 2, prot: 'rw' },
        read(2),
      ],
      XE,
    );
    expect(r.pages.slice(0, 4).map((p) => [p.cpu, p.location])).toEqual([
      ['present', 'xe0'],
      ['present', 'xe0'],
      ['present', 'xe0'],
      ['present', 'xe0'],
    ]);
    // The old chunk lost its last page through drm_pagemap_folio_free and went back to TTM.
    expect(r.devices[0].chunks).toEqual([{ pid: 1, start: 0, count: 4 }]);
    expect(r.counters).toMatchObject({ pagesToDevice: 8, pageFree: 4 });
  });

  it('counts the pages of the range not yet in its VRAM before it migrates', () => {
    const actions: Action[] = [
      ...TWELVE,
      read(0),
      { op: 'munmap', start: 2 },
      { op: 'mmap', start: 2, prot: 'rw' },
      read(2),
    ];
    const r = runSvm(actions, XE, true);
    const why = r.trace!.filter(
      (t) => t.action === 5 && t.fn === 'xe_svm_range_needs_migrate_to_vram',
    );
    expect(why.map((t) => t.text)).toEqual([
      "1 of the range's 4 pages are not in xe0's VRAM: migrate the whole range first (xe_svm_alloc_vram → drm_pagemap_populate_mm; amdgpu: svm_migrate_to_vram).",
    ]);
  });
});

describe('an eviction that pinned pages hold back (drm_pagemap_evict_to_ram -EBUSY)', () => {
  /** The narrations of the last action's ttm_bo_evict steps, and its result. */
  const release = (pin: Action, more: Action[] = []) => {
    const actions: Action[] = [...TWELVE, read(0), ...more, pin, { op: 'release', device: 'xe0' }];
    const r = runSvm(actions, XE, true);
    const last = actions.length - 1;
    const texts = r.trace!.filter((t) => t.action === last && t.fn === 'ttm_bo_evict');
    return { texts: texts.map((t) => t.text), result: r.results[last] };
  };
  const pinned = (n: string, chunk: number) =>
    `${n} of chunk ${chunk} ${n.startsWith('1 ') ? 'is' : 'are'} pinned and could not move (migrate_vma_check_page refuses the extra reference): the chunk is not detached, so drm_pagemap_evict_to_ram returns -EBUSY and chunk ${chunk} keeps its frames.`;

  it('one pinned page: the others go home, the chunk stays', () => {
    const { texts, result } = release({ op: 'pin', start: 1, longterm: false });
    expect(texts.slice(1)).toEqual([pinned('1 page', 1)]);
    expect(result).toMatchObject({ status: 'ok', cpages: 3 });
  });

  it('two pinned pages', () => {
    const { texts } = release({ op: 'pin', start: 1, count: 2, longterm: false });
    expect(texts.slice(1)).toEqual([pinned('2 pages', 1)]);
  });

  it('every page pinned: nothing moves, which is no failure; release goes on to the next chunk', () => {
    const { texts, result } = release({ op: 'pin', start: 0, count: 4, longterm: false }, [
      read(4),
    ]);
    expect(texts.filter((t) => !t.startsWith('xe0 is releasing'))).toEqual([pinned('4 pages', 1)]);
    expect(result).toMatchObject({ status: 'ok', cpages: 4 });
  });
});
