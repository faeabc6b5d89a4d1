import { describe, expect, it } from 'vitest';
import { vPage } from '../../engine/state.ts';
import { coherentHome, kernelRefcount, pinsText, refcountText } from './pins.ts';

describe('refcount with pins', () => {
  it('adds GUP_PIN_COUNTING_BIAS per pin to the mappings', () => {
    expect(kernelRefcount({ ref: 1, pins: 0 })).toBe(1);
    // one mapping + one pin: the engine's ref 2 reads 1025, as the kernel's folio would
    expect(kernelRefcount({ ref: 2, pins: 1 })).toBe(1025);
    // pinned, then munmapped: the pin alone holds the frame
    expect(kernelRefcount({ ref: 1, pins: 1 })).toBe(1024);
    expect(refcountText({ ref: 4, pins: 2 })).toBe('2050 = 2 pins × 1024 + 2');
    expect(refcountText({ ref: 3, pins: 0 })).toBe('3');
    expect(pinsText(1)).toMatch(/GUP_PIN_COUNTING_BIAS.*folio_maybe_dma_pinned\(\) is true/);
  });
});

describe('coherentHome', () => {
  it('names the coherent device of a present or exclusive entry, not a private one', () => {
    expect(coherentHome(vPage('rw', false, 'present', true, 3, -1, 1))).toBe(1);
    expect(coherentHome(vPage('rw', false, 'present', true, 3, -1, -1))).toBe(-1);
    expect(coherentHome(vPage('rw', false, 'device-exclusive', false, 2, 0, 0))).toBe(0);
    expect(coherentHome(vPage('rw', false, 'device-private', true, 2, 0, -1))).toBe(-1);
  });
});
