import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DevPage, DevPte, HostPage, VPage } from '../state.ts';
import * as codec from './codec.ts';

const frame = fc.integer({ min: -1, max: 4095 });
const vpage: fc.Arbitrary<VPage> = fc.record({
  prot: fc.constantFrom('none', 'r', 'rw'),
  shared: fc.boolean(),
  state: fc.constantFrom(
    'none',
    'zero',
    'present',
    'device-private',
    'device-exclusive',
    'migration',
  ),
  writable: fc.boolean(),
  frame,
  dev: fc.integer({ min: -1, max: 3 }),
  loc: fc.integer({ min: -1, max: 3 }),
});
const devPte: fc.Arbitrary<DevPte> = fc.record({
  target: fc.constantFrom('host', 'zero', 'dev'),
  frame,
  writable: fc.boolean(),
  atomic: fc.boolean(),
  loc: fc.integer({ min: -1, max: 3 }),
});
const pins = fc.integer({ min: 0, max: 2 ** 17 });
const count = fc.integer({ min: 0, max: 2 ** 20 - 1 });
const value = fc.integer({ min: -2147483648, max: 4294967295 });

describe('record codec', () => {
  it('packs every VPage into one number and back', () => {
    fc.assert(
      fc.property(vpage, (v) => {
        expect(codec.unpackVPage(codec.packVPage(v))).toEqual(v);
      }),
    );
    expect(codec.unpackVPage(codec.packVPage(null))).toBeNull();
    // The smallest records are not the code of an absent one.
    const low: VPage = {
      prot: 'none',
      shared: false,
      state: 'none',
      writable: true,
      frame: -1,
      dev: -1,
      loc: -1,
    };
    expect(codec.unpackVPage(codec.packVPage(low))).toEqual(low);
  });

  it('packs every device PTE and back', () => {
    fc.assert(
      fc.property(devPte, (p) => {
        expect(codec.unpackDevPte(codec.packDevPte(p))).toEqual(p);
      }),
    );
    expect(codec.unpackDevPte(codec.packDevPte(undefined))).toBeNull();
    const low: DevPte = { target: 'host', frame: -1, writable: false, atomic: true, loc: -1 };
    expect(codec.unpackDevPte(codec.packDevPte(low))).toEqual(low);
  });

  it('keeps host and device pages apart from their 33-bit values', () => {
    const host = fc.record({ ref: count, map: count, locked: fc.boolean(), value, pins });
    fc.assert(
      fc.property(host, (p: HostPage) => {
        expect(codec.unpackHostPage(codec.packHostMeta(p), codec.packValue(p))).toEqual(p);
        if (p.pins === 0) expect(codec.packValue(p)).toBe(p.value);
      }),
    );
    // A free page still locked: only the lock bit is set.
    const locked: HostPage = { ref: 0, map: 0, locked: true, value: 0, pins: 0 };
    expect(codec.unpackHostPage(codec.packHostMeta(locked), 0)).toEqual(locked);
    const names = ['dmirror(gpu0) pid 1 page 7', null];
    const dev = fc.record({
      ref: count,
      zdd: fc.constantFrom(...names),
      locked: fc.boolean(),
      value,
      pins,
    });
    fc.assert(
      fc.property(dev, (p: DevPage) => {
        const id = p.zdd === null ? 0 : 1;
        const meta = codec.packDevMeta(p, id);
        const slot = codec.packValue(p);
        expect(codec.unpackDevPage(meta, slot, (k) => (k === 0 ? null : names[0]))).toEqual(p);
      }),
    );
  });
});
