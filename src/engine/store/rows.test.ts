// The text args' column: values pushed across blocks, cut back (a rolled-back action), pushed again.
import { describe, expect, it } from 'vitest';
import { Int32Blocks, SIZE } from './rows.ts';

const fill = (b: Int32Blocks, from: number, to: number, tag: number) => {
  for (let k = from; k < to; k++) b.push(k * 4 + tag);
};

describe('Int32Blocks', () => {
  it('keeps every value across blocks after being cut back into an earlier block', () => {
    const b = new Int32Blocks();
    fill(b, 0, 2 * SIZE + 5, 1);
    b.length = SIZE - 2;
    fill(b, SIZE - 2, SIZE + 7, 2);
    expect(b.length).toBe(SIZE + 7);
    expect(b.blockCount).toBe(3);
    for (let k = 0; k < SIZE + 7; k++) expect(b.get(k)).toBe(k * 4 + (k < SIZE - 2 ? 1 : 2));
  });

  it('goes on at a cut that is the end of its last block', () => {
    const b = new Int32Blocks();
    fill(b, 0, SIZE, 1);
    b.length = SIZE;
    fill(b, SIZE, SIZE + 3, 2);
    expect([b.get(SIZE - 1), b.get(SIZE), b.get(SIZE + 2)]).toEqual([
      (SIZE - 1) * 4 + 1,
      SIZE * 4 + 2,
      (SIZE + 2) * 4 + 2,
    ]);
    expect(b.blockCount).toBe(2);
  });
});
