import { describe, expect, it } from 'vitest';
import type { TimelineSummary } from '../../timeline/types.ts';
import { bandAt, bandLabel, visibleMarks } from './runMarks.ts';

const summary = {
  count: 100,
  actions: [
    { i: -1, op: 'setup', first: 0, last: 9 },
    { i: 0, op: 'mmap', first: 10, last: 49, result: { status: 'ok' } },
    { i: 1, op: 'migrate_to_device', first: 50, last: 99, result: { status: 'EBUSY' } },
  ],
  markers: [
    { seq: 10, kind: 'cpu-fault' },
    { seq: 10.2, kind: 'cpu-fault' },
    { seq: 10, kind: 'migration' },
    { seq: 60, kind: 'cpu-fault' },
  ],
} as unknown as TimelineSummary;

describe('scrubber lane', () => {
  it('draws one glyph per kind per pixel column', () => {
    const marks = visibleMarks(summary, (i) => i);
    expect(marks).toEqual([
      { x: 10, kind: 'cpu-fault' },
      { x: 10, kind: 'migration' },
      { x: 60, kind: 'cpu-fault' },
    ]);
    // Squeezed into 10 px, all cpu faults share a column or two.
    expect(visibleMarks(summary, (i) => i / 10).filter((m) => m.kind === 'cpu-fault')).toEqual([
      { x: 1, kind: 'cpu-fault' },
      { x: 6, kind: 'cpu-fault' },
    ]);
  });

  it("keeps marks in columns off the run's ends (one per kind per column there too)", () => {
    expect(visibleMarks(summary, (i) => i - 50)).toEqual([
      { x: -40, kind: 'cpu-fault' },
      { x: -40, kind: 'migration' },
      { x: 10, kind: 'cpu-fault' },
    ]);
  });

  it('names the action under the pointer, and a failed one with its errno', () => {
    const x = (i: number) => i * 2;
    expect(bandLabel(summary.actions[bandAt(summary, x, 0)])).toBe('setup');
    expect(bandLabel(summary.actions[bandAt(summary, x, 40)])).toBe('action 1: mmap');
    expect(bandLabel(summary.actions[bandAt(summary, x, 150)])).toBe(
      'action 2: migrate_to_device → EBUSY',
    );
    expect(bandAt(summary, x, 500)).toBe(-1);
  });
});
