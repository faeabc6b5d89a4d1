// Random action sequences judged by the independent oracle (see check.ts). HMM_PROP_RUNS sets
// the number of sequences; scripts/prop-long.ts runs many more.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../timeline/run.ts';
import { scenarioArb } from './arbitraries.ts';
import { checkRun } from './check.ts';

const RUNS = Number(process.env.HMM_PROP_RUNS ?? 1000);

describe('random sequences against the oracle', () => {
  it(`keeps invariants and never loses a write (${RUNS} sequences)`, { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        expect(checkRun(s, runScenario(s))).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });
});
