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

describe('what changed, with pins', () => {
  it('reads a pin as the kernel folio refcount moving by GUP_PIN_COUNTING_BIAS', async () => {
    const { describeChange } = await import('./describe.ts');
    const { emptyWorld, devPage, hostPage } = await import('../../engine/state.ts');
    const w = emptyWorld({ hostFrames: 2, devices: [{ name: 'gpu0', frames: 2 }] });
    const pin = {
      k: 'dpage' as const,
      dev: 0,
      frame: 0,
      before: devPage(1, 'z', false, 5, 0),
      after: devPage(2, 'z', false, 5, 1),
    };
    expect(describeChange(pin, w)).toBe('gpu0 d0: refcount 1 → 1025 (pins 0 → 1)');
    const unmapped = {
      k: 'host' as const,
      frame: 1,
      before: hostPage(2, 1, false, 3, 1),
      after: hostPage(1, 0, false, 3, 1),
    };
    expect(describeChange(unmapped, w)).toBe('host f1: refcount 1025 → 1024');
  });
});

describe('entryPins', () => {
  it('reads the pins of the frame a present entry maps, host or coherent, as pages[].pinned', async () => {
    const { parseScenario } = await import('../../scenario/schema.ts');
    const { createTimeline } = await import('../../timeline/timeline.ts');
    const { entryPins } = await import('./pins.ts');
    const r = parseScenario({
      format: 'hmm-lab/scenario@2',
      config: { hostFrames: 8, devices: [{ name: 'gpu0', frames: 4, memory: 'coherent' }] },
      actions: [
        { op: 'mmap', start: 0, count: 3, prot: 'rw' },
        { op: 'cpu_write', start: 0, count: 3, values: [1, 2, 3] },
        { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 1 },
        { op: 'pin', start: 0, longterm: false },
        { op: 'pin', start: 1, count: 1 },
        { op: 'pin', start: 1, count: 1 },
      ],
    });
    if (!r.ok) throw new Error(r.error);
    const tl = createTimeline(r.scenario);
    const w = tl.seek(tl.count - 1).world;
    const pages = w.procs[1].pages;
    expect([0, 1, 2].map((p) => entryPins(pages[p], w))).toEqual([1, 2, 0]);
    expect(tl.report().pages.map((p) => p.pinned)).toEqual([true, true, false]);
  });
});
