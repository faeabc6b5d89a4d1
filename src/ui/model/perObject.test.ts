import { describe, expect, it, vi } from 'vitest';
import { perObject } from './perObject.ts';

describe('perObject', () => {
  it('computes once per object and again for a new object with the same contents', () => {
    const compute = vi.fn((xs: number[]) => xs.length);
    const length = perObject(compute);
    const a = [1, 2, 3];
    expect(length(a)).toBe(3);
    expect(length(a)).toBe(3);
    expect(compute).toHaveBeenCalledTimes(1);
    expect(length([1, 2, 3])).toBe(3);
    expect(compute).toHaveBeenCalledTimes(2);
  });

  it('remembers an undefined answer too', () => {
    const compute = vi.fn((): undefined => undefined);
    const f = perObject(compute);
    const o = {};
    f(o);
    f(o);
    expect(compute).toHaveBeenCalledTimes(1);
  });
});
