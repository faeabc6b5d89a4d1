import { describe, expect, it } from 'vitest';
import { cellAt, gridLayout, indexAt } from './gridLayout.ts';

describe('gridLayout', () => {
  it('fits thousands of cells into the height it is given', () => {
    const l = gridLayout(4096, 230, 420);
    expect(l.height).toBeLessThanOrEqual(420 * 1.3);
    expect(l.cols * l.rows).toBeGreaterThanOrEqual(4096);
  });
  it('maps a cell to its position and back', () => {
    const l = gridLayout(300, 200, 300);
    for (const i of [0, 1, l.cols, 299]) {
      const { x, y } = cellAt(l, i);
      expect(indexAt(l, x + 1, y + 1)).toBe(i);
    }
  });
});
