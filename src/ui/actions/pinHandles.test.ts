import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenario/schema.ts';
import { createTimeline } from '../../timeline/timeline.ts';
import { PIN_ACTIONS } from './pinActions.ts';
import { handlesOn, liveHandles } from './pinHandles.ts';
import { runsOf } from './registry.ts';

const key = (pid: number, page: number) => pid * 65536 + page;

/** Run the scenario through the engine: the handles come from its real results. */
function handles(actions: unknown[]) {
  const r = parseScenario({
    format: 'hmm-lab/scenario@2',
    config: { hostFrames: 16, devices: [{ name: 'gpu0', frames: 8, memory: 'coherent' }] },
    actions,
  });
  if (!r.ok) throw new Error(r.error);
  const tl = createTimeline(r.scenario);
  return liveHandles(r.scenario.actions, tl.report().results);
}

describe('pin handles on a selection', () => {
  const base = [
    { op: 'mmap', start: 0, count: 8, prot: 'rw' },
    { op: 'mmap', start: 8, count: 2, prot: 'r' },
    { op: 'pin', start: 0, count: 2 },
    { op: 'pin', start: 8, count: 1 }, // EFAULT: a read-only VMA, nothing pinned, no handle
    { op: 'pin', start: 4, count: 3, longterm: false },
  ];
  it('lists the handles pin returned, without failed pins or released handles', () => {
    expect(handles(base)).toEqual([
      { handle: 1, pid: 1, start: 0, pinned: 2 },
      { handle: 2, pid: 1, start: 4, pinned: 3 },
    ]);
    expect(handles([...base, { op: 'unpin', pin: 1 }, { op: 'unpin', pin: 7 }])).toEqual([
      { handle: 2, pid: 1, start: 4, pinned: 3 },
    ]);
  });
  it('finds the handles taken on selected pages, and unpin releases each once', () => {
    const live = handles(base);
    expect(handlesOn(live, runsOf([key(1, 1), key(1, 6)]))).toEqual([1, 2]);
    expect(handlesOn(live, runsOf([key(1, 2), key(1, 3), key(1, 7)]))).toEqual([]);
    expect(handlesOn(live, runsOf([key(2, 0)]))).toEqual([]);
    const unpin = PIN_ACTIONS.find((a) => a.id === 'unpin')!;
    const ctx = { runs: [], device: null, value: 0, prot: 'r' as const, pinsOnSelection: [1, 2] };
    expect(unpin.build(ctx)).toEqual([
      { op: 'unpin', pin: 1 },
      { op: 'unpin', pin: 2 },
    ]);
    const short = PIN_ACTIONS.find((a) => a.id === 'pin_short')!;
    expect(short.build({ ...ctx, runs: runsOf([key(2, 3)]) })).toEqual([
      { op: 'pin', start: 3, count: 1, longterm: false, pid: 2 },
    ]);
  });
});
