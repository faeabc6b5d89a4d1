// A long-term pin of a coherent page, step by step (hmm-model-v2.md M.2): what
// check_and_migrate_movable_pages says, and migrate_device_coherent_folio's new host page.
import { describe, expect, it } from 'vitest';
import type { Action, ScenarioConfig } from '../../scenario/types.ts';
import { SCENARIO_FORMAT_V2 } from '../../scenario/types.ts';
import { createTimeline, type Timeline } from '../../timeline/timeline.ts';
import type { HostPage } from '../state.ts';
import { build } from '../selftests/scenario.ts';

const CONFIG: ScenarioConfig = {
  hostFrames: 4,
  devices: [{ name: 'gpu0', frames: 4, memory: 'coherent' }],
};

/** Page 0 in gpu0's coherent frame 0 (host frame 0 free again), page 1 in host frame 1. */
const SETUP: Action[] = [
  { op: 'mmap', start: 0, count: 2, prot: 'rw' },
  { op: 'cpu_write', start: 0, count: 2, values: [5, 6] },
  { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 1 },
];

function pinSteps(pin: Action): ReturnType<Timeline['waypoint']>[] {
  const tl = createTimeline({ ...build([...SETUP, pin], CONFIG), format: SCENARIO_FORMAT_V2 });
  return Array.from({ length: tl.count }, (_, i) => tl.waypoint(i)).filter((w) => w.action === 3);
}
const textOf = (steps: ReturnType<typeof pinSteps>, fn: string) =>
  steps.find((w) => w.fn === fn)?.text;

describe('check_and_migrate_movable_pages', () => {
  it('counts the coherent pages among the pinned ones, one page', () => {
    const steps = pinSteps({ op: 'pin', start: 0 });
    expect(textOf(steps, 'collect_longterm_unpinnable_folios')).toBe(
      'check_and_migrate_movable_pages: folio_is_longterm_pinnable() is false for 1 of the 1 pinned page: coherent device memory must always allow eviction, so it moves to host memory before a long-term pin may hold it.',
    );
  });

  it('counts the coherent pages among the pinned ones, two pages', () => {
    const steps = pinSteps({ op: 'pin', start: 0, count: 2 });
    expect(textOf(steps, 'collect_longterm_unpinnable_folios')).toBe(
      'check_and_migrate_movable_pages: folio_is_longterm_pinnable() is false for 1 of the 2 pinned pages: coherent device memory must always allow eviction, so it moves to host memory before a long-term pin may hold it.',
    );
  });
});

describe('migrate_device_coherent_folio', () => {
  it('locks the new host page (folio_lock) until migrate_device_finalize maps it', () => {
    const steps = pinSteps({ op: 'pin', start: 0 });
    const frame0 = (fn: string) =>
      steps
        .find((w) => w.fn === fn)
        ?.changes.flatMap((c) => (c.k === 'host' && c.frame === 0 ? [c.after] : []));
    const page = (locked: boolean, map: number): HostPage => ({
      ref: 1,
      map,
      locked,
      value: 5,
      pins: 0,
    });
    expect(frame0('folio_alloc')).toEqual([page(true, 0)]);
    expect(frame0('migrate_device_finalize')).toEqual([page(false, 1)]);
  });

  it('points the PTE at the host page: present, writable as before, no device', () => {
    const steps = pinSteps({ op: 'pin', start: 0 });
    const ptes = steps
      .find((w) => w.fn === 'migrate_device_finalize')
      ?.changes.flatMap((c) => (c.k === 'pte' ? [c.after] : []));
    expect(ptes).toEqual([
      { prot: 'rw', shared: false, state: 'present', writable: true, frame: 0, dev: -1, loc: -1 },
    ]);
  });
});
