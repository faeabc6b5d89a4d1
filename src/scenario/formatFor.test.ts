import { describe, expect, it } from 'vitest';
import { withFormatFor, usesV2 } from './formatFor.ts';
import { PRESETS } from './presets/index.ts';
import { SCENARIO_FORMAT, SCENARIO_FORMAT_V2, type Scenario } from './types.ts';

const v1: Scenario = {
  format: SCENARIO_FORMAT,
  config: { hostFrames: 16, devices: [{ name: 'gpu0', frames: 8 }] },
  actions: [{ op: 'mmap', start: 0, count: 2, prot: 'rw' }],
};

describe('withFormatFor', () => {
  it('leaves every @1 lesson @1 (the same object, so links stay #v1.)', () => {
    for (const p of PRESETS.filter((x) => x.scenario.format === SCENARIO_FORMAT))
      expect(withFormatFor(p.scenario)).toBe(p.scenario);
  });

  it('moves @1 up to @2 on a pin, an unpin or a device memory type', () => {
    const pinned = { ...v1, actions: [...v1.actions, { op: 'pin' as const, start: 0 }] };
    expect(withFormatFor(pinned).format).toBe(SCENARIO_FORMAT_V2);
    const unpin = { ...v1, actions: [{ op: 'unpin' as const, pin: 1 }] };
    expect(withFormatFor(unpin).format).toBe(SCENARIO_FORMAT_V2);
    const coherent = {
      ...v1,
      config: { ...v1.config, devices: [{ name: 'gpu0', frames: 8, memory: 'coherent' as const }] },
    };
    expect(withFormatFor(coherent).format).toBe(SCENARIO_FORMAT_V2);
    expect(usesV2(coherent)).toBe(true);
  });

  it('keeps @2 as @2 without @2 features, and leaves unknown formats alone', () => {
    const two = { ...v1, format: SCENARIO_FORMAT_V2 } as Scenario;
    expect(withFormatFor(two)).toBe(two);
    const odd = { format: 'x', actions: [{ op: 'pin' }] };
    expect(withFormatFor(odd)).toBe(odd);
    expect(usesV2(v1)).toBe(false);
  });
});
