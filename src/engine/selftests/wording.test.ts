// The engine's wording, as reviewed: every lesson and a fixed corpus of generated scenarios keep
// the traceHash (seq, action, fn and text of every waypoint) they had when their narration was
// last read. A lesson's hash is what its shared links (`&h=…`) were made against, so a change
// here is a change every such link notices; the corpus reaches the corners no lesson does (a
// refused make_exclusive on shmem, a short read-back, an EINVAL in a PROT_NONE VMA, …), so an
// emptied or garbled sentence anywhere in the engine shows.
// After a wanted change: UPDATE_GOLDEN=1 npx vitest run src/engine/selftests/wording.test.ts,
// then read the new narration (npm run cli -- run <scenario> --trace) before committing.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { PRESETS } from '../../scenario/presets/index.ts';
import type { Scenario } from '../../scenario/types.ts';
import { runScenario } from '../../timeline/run.ts';
import {
  coherentScenarioArb,
  forkScenarioArb,
  scenarioArb,
  scenarioArbWith,
} from '../oracle/arbitraries.ts';
import { svmScenarioArb } from '../oracle/svmArbitraries.ts';

const FILE = 'src/engine/selftests/wording.golden.json';
const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** Generated scenarios, the same every run (fixed seeds): name → scenarios. */
const CORPUS: Record<string, Scenario[]> = {
  dmirror: fc.sample(scenarioArb, { seed: 20261203, numRuns: 120 }),
  tight: fc.sample(scenarioArbWith({ hostFrames: [1, 3], deviceFrames: [1, 2] }), {
    seed: 20261204,
    numRuns: 60,
  }),
  coherent: fc.sample(coherentScenarioArb, { seed: 20261205, numRuns: 80 }),
  fork: fc.sample(forkScenarioArb, { seed: 20261206, numRuns: 60 }),
  svm: fc.sample(svmScenarioArb, { seed: 20261207, numRuns: 80 }),
};

type Golden = Record<string, Record<string, string>>;

const golden: Golden = existsSync(FILE) ? JSON.parse(readFileSync(FILE, 'utf8')) : {};
const got: Golden = {};

function check(group: string, name: string, s: Scenario) {
  const hash = runScenario(s).traceHash;
  (got[group] ??= {})[name] = hash;
  if (UPDATE) return;
  expect(
    hash,
    `${group} ${name}: the narration changed; the scenario is\n${JSON.stringify(s)}`,
  ).toBe(golden[group]?.[name]);
}

describe('the engine’s wording, as reviewed', () => {
  it.each(PRESETS.map((p) => [p.id, p.scenario] as const))('lesson %s', (id, s) =>
    check('lessons', id, s),
  );

  it.each(Object.keys(CORPUS))('generated corpus: %s', (group) => {
    CORPUS[group].forEach((s, k) => check(group, String(k), s));
  });

  afterAll(() => {
    if (UPDATE) writeFileSync(FILE, JSON.stringify(got, null, 2) + '\n');
  });
});
