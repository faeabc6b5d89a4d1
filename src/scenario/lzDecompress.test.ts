import fc from 'fast-check';
import LZString from 'lz-string';
import { describe, expect, it } from 'vitest';
import { anyText } from './arbitrary.ts';
import { decompressFromEncodedURIComponent } from './lzDecompress.ts';

const BIG = 1 << 20;

describe('bounded lz-string decompression', () => {
  it('inverts compressToEncodedURIComponent, unicode included', () => {
    fc.assert(
      fc.property(anyText(300), (s) => {
        const c = LZString.compressToEncodedURIComponent(s);
        expect(decompressFromEncodedURIComponent(c, BIG)).toBe(s === '' ? '' : s);
      }),
      { numRuns: 500 },
    );
  }, 60_000);

  it('agrees with lz-string on arbitrary input whenever it returns text', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 60 }), (s) => {
        const mine = decompressFromEncodedURIComponent(s, BIG);
        if (mine !== null) expect(mine).toBe(LZString.decompressFromEncodedURIComponent(s));
      }),
      { numRuns: 2000 },
    );
  }, 60_000);

  it('stops at the output cap', () => {
    const c = LZString.compressToEncodedURIComponent('a'.repeat(100_000));
    expect(decompressFromEncodedURIComponent(c, 100_000)).toHaveLength(100_000);
    expect(decompressFromEncodedURIComponent(c, 99_999)).toBeNull();
  });

  it('rejects characters outside the alphabet and truncated streams', () => {
    const c = LZString.compressToEncodedURIComponent('hello hello hello world');
    expect(decompressFromEncodedURIComponent(c + '!', BIG)).toBeNull();
    expect(decompressFromEncodedURIComponent(c.slice(0, -3), BIG)).toBeNull();
    expect(decompressFromEncodedURIComponent(c.replace(/\+/g, ' '), BIG)).toBe(
      'hello hello hello world',
    );
    expect(decompressFromEncodedURIComponent('', BIG)).toBeNull();
  });
});
