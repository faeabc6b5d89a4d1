// The lab offers an svm device exactly the commands the schema lets it have.
import { describe, expect, it } from 'vitest';
import { driverTakes } from '../../scenario/driverOps.ts';
import { parseScenario } from '../../scenario/schema.ts';
import type { Scenario } from '../../scenario/types.ts';
import { LAB_ACTIONS, runsOf } from './registry.ts';

const base = (driver: 'dmirror' | 'svm'): Scenario => ({
  format: 'hmm-lab/scenario@2',
  config: { hostFrames: 8, devices: [{ name: 'g', frames: 8, driver }] },
  actions: [{ op: 'mmap', start: 0, count: 4, prot: 'rw' }],
});

describe('device commands by driver', () => {
  for (const driver of ['dmirror', 'svm'] as const)
    it(`offers a ${driver} device only what its scenario accepts`, () => {
      for (const a of LAB_ACTIONS.filter((x) => x.needsDevice)) {
        const built = a.build({ runs: runsOf([65536]), device: 'g', value: 1, prot: 'r' });
        const s = base(driver);
        const ok = parseScenario({ ...s, actions: [...s.actions, ...built] }).ok;
        expect(ok, `${a.id} on ${driver}`).toBe(driverTakes(driver, a.id));
      }
    });
});
