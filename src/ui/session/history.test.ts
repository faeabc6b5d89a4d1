import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../scenario/types.ts';
import { emptyHistory, record, redo, undo, type HistoryEntry } from './history.ts';

const entry = (n: number): HistoryEntry => ({
  scenario: {
    format: 'hmm-lab/scenario@1',
    title: `s${n}`,
    config: { hostFrames: 8, devices: [{ name: 'gpu0', frames: 4 }] },
    actions: [],
  } satisfies Scenario,
  presetId: null,
  step: n,
});

describe('scenario history', () => {
  it('undoes and redoes in order', () => {
    let h = record(emptyHistory(), entry(0));
    h = record(h, entry(1));
    const u = undo(h, entry(2))!;
    expect(u.to.step).toBe(1);
    const u2 = undo(u.h, u.to)!;
    expect(u2.to.step).toBe(0);
    expect(undo(u2.h, u2.to)).toBeNull();
    const r = redo(u2.h, u2.to)!;
    expect(r.to.step).toBe(1);
    const r2 = redo(r.h, r.to)!;
    expect(r2.to.step).toBe(2);
    expect(redo(r2.h, r2.to)).toBeNull();
  });

  it('a new change forgets the redo branch', () => {
    const h = record(record(emptyHistory(), entry(0)), entry(1));
    const u = undo(h, entry(2))!;
    expect(u.h.future).toHaveLength(1);
    const after = record(u.h, u.to);
    expect(after.future).toEqual([]);
  });

  it('keeps at most `limit` entries, dropping the oldest', () => {
    let h = emptyHistory();
    for (let i = 0; i < 10; i++) h = record(h, entry(i), 4);
    expect(h.past.map((e) => e.step)).toEqual([6, 7, 8, 9]);
  });

  it('also bounds the actions held, keeping at least the latest entry', () => {
    const big = (n: number) => {
      const e = entry(n);
      e.scenario.actions = Array.from({ length: 600 }, () => ({ op: 'fork' as const }));
      return e;
    };
    let h = emptyHistory();
    for (let i = 0; i < 5; i++) h = record(h, big(i), 50, 1000);
    expect(h.past.map((e) => e.step)).toEqual([4]);
  });
});
