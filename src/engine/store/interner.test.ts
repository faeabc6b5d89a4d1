// A string's id is a function of the string: the call paths key their nodes by fn ids, so an
// id that changed after a cache miss would split one call path into two nodes.
import { describe, expect, it } from 'vitest';
import { Interner } from './interner.ts';

describe('Interner', () => {
  it('gives a string the same id after others have taken its cache slot', () => {
    const fns = new Interner();
    const first = fns.id('hmm_range_fault');
    const others = Array.from({ length: 1000 }, (_, i) => fns.id(`fn${i}`));
    expect(fns.id('hmm_range_fault')).toBe(first);
    expect(others.map((_, i) => fns.id(`fn${i}`))).toEqual(others);
    expect(new Set(others).size).toBe(1000);
    expect(fns.at(first)).toBe('hmm_range_fault');
    expect(fns.at(others[999])).toBe('fn999');
  });

  it('tells the empty string and a one-letter one apart', () => {
    const s = new Interner();
    const ids = ['', 'a', '', 'a'].map((x) => s.id(x));
    expect(ids[0]).toBe(ids[2]);
    expect(ids[1]).toBe(ids[3]);
    expect(ids[0]).not.toBe(ids[1]);
  });
});
