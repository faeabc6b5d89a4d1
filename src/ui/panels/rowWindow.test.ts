import { describe, expect, it } from 'vitest';
import { gradualCount, rowWindow, type RowMetrics } from './rowWindow.ts';

const M: RowMetrics = { pitch: 23, minCol: 132, gapX: 8, view: 180, overscan: 2, grow: 8 };

describe('rowWindow', () => {
  it('fits as many columns as the width allows', () => {
    expect(rowWindow(10, 132, 0, M).cols).toBe(1);
    expect(rowWindow(10, 271, 0, M).cols).toBe(1);
    expect(rowWindow(10, 272, 0, M).cols).toBe(2);
    expect(rowWindow(10, 0, 0, M).cols).toBe(1);
  });

  it('draws the rows in view and a few around them, not the whole list', () => {
    const w = rowWindow(4096, 280, 0, M);
    expect(w.cols).toBe(2);
    expect(w).toMatchObject({ from: 0, offset: 0, height: 2048 * 23 });
    // 180 px shows 8 rows (7.8): 8 + 2 below = 10 rows of 2.
    expect(w.to).toBe(20);
  });

  it('follows the scroll position', () => {
    const w = rowWindow(4096, 280, 23 * 100 + 5, M);
    expect(w.from).toBe(98 * 2);
    expect(w.offset).toBe(98 * 23);
    expect(w.to).toBe(Math.ceil((23 * 100 + 5 + 180) / 23 + 2) * 2);
  });

  it('ends at the last item, also when scrolled past it after the list shrank', () => {
    expect(rowWindow(5, 280, 0, M)).toMatchObject({ from: 0, to: 5, height: 3 * 23 });
    const w = rowWindow(5, 280, 5000, M);
    expect(w.to).toBe(5);
    expect(w.from).toBeLessThanOrEqual(w.to);
  });

  it('is empty for an empty list', () => {
    expect(rowWindow(0, 280, 0, M)).toMatchObject({ from: 0, to: 0, height: 0 });
  });
});

describe('gradualCount', () => {
  it('draws a window that grows by a little, or shrinks, at once', () => {
    expect(gradualCount(12, 10, 8)).toBe(12);
    expect(gradualCount(18, 10, 8)).toBe(18);
    expect(gradualCount(3, 20, 8)).toBe(3);
    expect(gradualCount(0, 20, 8)).toBe(0);
  });

  it('fills an empty table a step at a time, never past the window', () => {
    const seen: number[] = [];
    for (let drawn = 0; seen.at(-1) !== 22;) seen.push((drawn = gradualCount(22, drawn, 8)));
    expect(seen).toEqual([8, 16, 22]);
  });
});
