import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSha256 } from './sha256.ts';

const node = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

describe('createSha256', () => {
  it('matches the FIPS test vectors', () => {
    const h = createSha256();
    expect(h.hex()).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    h.update('abc');
    expect(h.hex()).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hashes a text longer than its scratch buffer (1024 bytes) whole', () => {
    // 1,000 characters, 2,000 bytes: short of the buffer counted in characters, not in bytes.
    const two = createSha256();
    two.update('é'.repeat(1000));
    expect(two.hex()).toBe(node('é'.repeat(1000)));
    const h = createSha256();
    const long = 'é'.repeat(600) + 'x'.repeat(3000);
    h.update(long);
    expect(h.hex()).toBe(node(long));
    h.update(long + long);
    expect(h.hex()).toBe(node(long + long + long));
  });

  it('agrees with node:crypto for any split of any text, and keeps going after hex()', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme', maxLength: 150 }), { maxLength: 12 }),
        (parts) => {
          const h = createSha256();
          let sofar = '';
          for (const p of parts) {
            h.update(p);
            sofar += p;
            expect(h.hex()).toBe(node(sofar));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
