// mprotect to the protection a range already has is a no-op for the mirrors (hmm-model.md E:
// mprotect_fixup returns early): after any random run, repeating an mprotect changes no counter,
// no device's notifier sequence, no device PTE and no status.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Prot, Scenario } from '../../scenario/types.ts';
import { runScenario } from '../../timeline/run.ts';
import { scenarioArb } from './arbitraries.ts';

const RUNS = Math.max(1, Math.floor(Number(process.env.HMM_PROP_RUNS ?? 1000) / 5));

const mprotect = fc.record({
  start: fc.integer({ min: 0, max: 12 }),
  count: fc.integer({ min: 1, max: 6 }),
  prot: fc.constantFrom<Prot>('none', 'r', 'rw'),
});

const withActions = (s: Scenario, n: number, m: { start: number; count: number; prot: Prot }) => ({
  ...s,
  actions: [...s.actions, ...Array.from({ length: n }, () => ({ op: 'mprotect' as const, ...m }))],
});

describe('mprotect twice', () => {
  it(
    `the second one changes nothing a device sees (${RUNS} sequences)`,
    { timeout: 120_000 },
    () => {
      fc.assert(
        fc.property(scenarioArb, mprotect, (s, m) => {
          const once = runScenario(withActions(s, 1, m));
          const twice = runScenario(withActions(s, 2, m));
          expect(twice.results.at(-1)!.status).toBe(once.results.at(-1)!.status);
          expect(twice.counters).toEqual(once.counters);
          expect(twice.devices).toEqual(once.devices);
          expect(twice.pages).toEqual(once.pages);
        }),
        { numRuns: RUNS },
      );
    },
  );
});
