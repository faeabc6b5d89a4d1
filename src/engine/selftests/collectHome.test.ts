// Which pages a device → host migration collects (migrate_vma_collect_pmd with
// MIGRATE_VMA_SELECT_DEVICE_PRIVATE / _DEVICE_COHERENT, migrate_device_range for RELEASE): the
// device's own private entries and present PTEs to its coherent frames, and nothing else.
import { describe, expect, it } from 'vitest';
import type { Action, ScenarioConfig } from '../../scenario/types.ts';
import { FOUR_PAGES, pagesOf, run } from './scenario.ts';
import { runSvm } from './svm.ts';

const COHERENT: ScenarioConfig = {
  hostFrames: 32,
  devices: [{ name: 'gpu0', frames: 16, memory: 'coherent' }],
};
const toGpu0: Action = { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 4 };

describe('a device-exclusive entry to a coherent frame', () => {
  // make_device_exclusive leaves the data in gpu0's coherent frame 0 behind a non-present
  // entry: not a device-private entry, not a present PTE, so the walk passes it by.
  const actions: Action[] = [
    ...FOUR_PAGES,
    toGpu0,
    { op: 'make_exclusive', device: 'gpu0', start: 0 },
  ];

  it('stays where it is when the range goes home', () => {
    const r = run(
      [...actions, { op: 'migrate_to_host', device: 'gpu0', start: 0, count: 4 }],
      COHERENT,
      true,
    );
    expect(r.results[4]).toMatchObject({ status: 'ok', cpages: 3 });
    expect(pagesOf(r)[0]).toMatchObject({ cpu: 'device-exclusive', location: 'gpu0', value: 100 });
    expect(
      pagesOf(r)
        .slice(1)
        .map((p) => p.location),
    ).toEqual(['host', 'host', 'host']);
  });

  it('stays where it is when the device releases its memory', () => {
    const r = run([...actions, { op: 'release', device: 'gpu0' }], COHERENT, true);
    expect(r.results[4]).toMatchObject({ status: 'ok', cpages: 3 });
    expect(pagesOf(r)[0]).toMatchObject({ cpu: 'device-exclusive', location: 'gpu0' });
  });
});

describe('a pinned host page in the range', () => {
  it('is not the device’s page: no pinned-page skip is said for it', () => {
    const actions: Action[] = [
      ...FOUR_PAGES,
      { op: 'migrate_to_device', device: 'gpu0', start: 2, count: 2 },
      { op: 'pin', start: 0, count: 2, longterm: false },
      { op: 'migrate_to_host', device: 'gpu0', start: 0, count: 4 },
    ];
    const r = runSvm(actions, COHERENT, true);
    expect(r.results[4]).toMatchObject({ status: 'ok', cpages: 2 });
    expect(r.trace!.filter((w) => w.action === 4).map((w) => w.fn)).not.toContain(
      'folio_try_share_anon_rmap_pte',
    );
  });
});
