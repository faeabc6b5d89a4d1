// Random action sequences judged by the independent oracle (see check.ts). HMM_PROP_RUNS sets
// the number of sequences; scripts/prop-long.ts runs many more.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../timeline/run.ts';
import { coherentScenarioArb, forkScenarioArb, scenarioArb } from './arbitraries.ts';
import { checkRun } from './check.ts';
import { checkForkRun } from './forkCheck.ts';
import { svmForkScenarioArb, svmScenarioArb } from './svmArbitraries.ts';

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

  it(`with svm devices among dmirror ones (${RUNS} sequences)`, { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(svmScenarioArb, (s) => {
        expect(checkRun(s, runScenario(s))).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it(
    `coherent and private devices with pins: invariants hold, no write lost (${RUNS} sequences)`,
    { timeout: 120_000 },
    () => {
      fc.assert(
        fc.property(coherentScenarioArb, (s) => {
          expect(checkRun(s, runScenario(s))).toEqual([]);
        }),
        { numRuns: RUNS },
      );
    },
  );

  it(
    `with fork, every process keeps its own writes (${RUNS} sequences)`,
    { timeout: 120_000 },
    () => {
      fc.assert(
        fc.property(forkScenarioArb, (s) => {
          expect(checkForkRun(s, runScenario(s))).toEqual([]);
        }),
        { numRuns: RUNS },
      );
    },
  );

  it(
    `svm and dmirror devices with fork: every process keeps its own writes (${RUNS} sequences)`,
    { timeout: 120_000 },
    () => {
      fc.assert(
        fc.property(svmForkScenarioArb, (s) => {
          expect(checkForkRun(s, runScenario(s))).toEqual([]);
        }),
        { numRuns: RUNS },
      );
    },
  );
});
