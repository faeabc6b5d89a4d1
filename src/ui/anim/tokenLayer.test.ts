import { describe, expect, it } from 'vitest';
import { reallocation } from './tokenLayer.ts';

describe('reallocation of the token canvas', () => {
  it('grows to fit, with slack, so a slightly longer route next step keeps the canvas', () => {
    expect(reallocation({ width: 0, height: 0 }, 317, 96)).toEqual([320, 128]);
    expect(reallocation({ width: 320, height: 128 }, 318, 96)).toBeNull();
    expect(reallocation({ width: 320, height: 128 }, 333, 96)).toEqual([384, 128]);
  });

  it('reallocates to what the play needs once it does not fit, in either dimension', () => {
    expect(reallocation({ width: 384, height: 128 }, 100, 200)).toEqual([128, 256]);
  });

  it('keeps a small canvas however small the next play', () => {
    expect(reallocation({ width: 576, height: 128 }, 71, 76)).toBeNull();
  });

  it('shrinks a big canvas only when the play needs less than a quarter of it', () => {
    const big = { width: 1152, height: 768 };
    expect(reallocation(big, 700, 400)).toBeNull();
    expect(reallocation(big, 71, 76)).toEqual([128, 128]);
  });
});
