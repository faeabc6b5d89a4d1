// Change rows read back as the public changes a step lists, and replayed onto a world: the
// kinds the trace tests do not meet elsewhere (device PTEs, the notifier sequence,
// fail_next_alloc, a process fork adds).
import { describe, expect, it } from 'vitest';
import type { Action } from '../../scenario/types.ts';
import { SCENARIO_FORMAT_V2 } from '../../scenario/types.ts';
import { createTimeline, type Timeline } from '../../timeline/timeline.ts';
import type { Change } from '../trace.ts';
import { build } from '../selftests/scenario.ts';
import { cloneWorld } from '../state.ts';
import { K, type Row } from './kinds.ts';
import { applyRow, toChange } from './rowChange.ts';

const ACTIONS: Action[] = [
  { op: 'mmap', start: 0, count: 1, prot: 'rw' },
  { op: 'cpu_write', start: 0, value: 4 },
  { op: 'dev_read', device: 'gpu0', start: 0 },
  { op: 'fail_next_alloc', device: 'gpu0' },
  { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 1 },
  { op: 'mprotect', start: 0, count: 1, prot: 'r' },
  { op: 'fork' },
];

function timeline(): Timeline {
  return createTimeline({ ...build(ACTIONS), format: SCENARIO_FORMAT_V2 });
}

/** Every change of action `action` of kind `k`, in order. */
function changesOf(tl: Timeline, action: number, k: Change['k']): Change[] {
  const out: Change[] = [];
  for (let i = 0; i < tl.count; i++)
    if (tl.call(i).action === action) out.push(...tl.changes(i).filter((c) => c.k === k));
  return out;
}

describe('change rows', () => {
  it('read back device PTEs, the sequence, the fail_next_alloc flag and a new process', () => {
    const tl = timeline();
    expect(changesOf(tl, 2, 'dpte')).toEqual([
      {
        k: 'dpte',
        dev: 0,
        key: expect.any(Number),
        before: null,
        after: { target: 'host', frame: 0, writable: true, atomic: false, loc: -1 },
      },
    ]);
    // fail_next_alloc sets the flag; the migration's allocation takes it down again.
    expect(changesOf(tl, 3, 'flag')).toEqual([{ k: 'flag', dev: 0, before: false, after: true }]);
    expect(changesOf(tl, 4, 'flag')).toEqual([{ k: 'flag', dev: 0, before: true, after: false }]);
    // mprotect's MMU_NOTIFY_PROTECTION_VMA moves gpu0's sequence and zaps its entry.
    expect(changesOf(tl, 5, 'seq')).toEqual([{ k: 'seq', dev: 0, before: 0, after: 1 }]);
    expect(changesOf(tl, 5, 'dpte')).toMatchObject([{ before: { target: 'host' }, after: null }]);
    expect(changesOf(tl, 6, 'proc')).toEqual([{ k: 'proc', pid: 2, add: true }]);
  });

  it('replay the flag onto the world, forward and back', () => {
    const tl = timeline();
    const flagged: boolean[] = [];
    for (let i = 0; i < tl.count; i++) {
      const f = tl.peek(i, (w) => w.devices[0].failNextAlloc);
      if (flagged[flagged.length - 1] !== f) flagged.push(f);
    }
    expect(flagged).toEqual([false, true, false]);
    // Back from the end to a step where the flag is up.
    let up = 0;
    while (tl.call(up).action !== 3) up++;
    tl.peek(tl.count - 1, () => 0);
    expect(tl.peek(up, (w) => w.devices[0].failNextAlloc)).toBe(true);
  });

  // The engine only ever adds a process (fork), but a row says which way it went: the
  // decoding must not assume it.
  it('read back and replay a process row either way', () => {
    const row = (a0: number): Row => ({ kind: K.Proc, i1: 2, i2: 0, b0: 1 - a0, b1: 0, a0, a1: 0 });
    const zdd = () => null;
    expect(toChange(row(1), zdd)).toEqual({ k: 'proc', pid: 2, add: true });
    expect(toChange(row(0), zdd)).toEqual({ k: 'proc', pid: 2, add: false });
    const w = cloneWorld(timeline().seek(0).world);
    applyRow(w, row(1), true, zdd);
    expect(Object.keys(w.procs)).toEqual(['1', '2']);
    applyRow(w, row(0), true, zdd);
    expect(Object.keys(w.procs)).toEqual(['1']);
    applyRow(w, row(0), false, zdd);
    expect(Object.keys(w.procs)).toEqual(['1', '2']);
    applyRow(w, row(1), false, zdd);
    expect(Object.keys(w.procs)).toEqual(['1']);
  });
});
