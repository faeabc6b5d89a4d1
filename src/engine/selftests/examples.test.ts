// The shared examples byte for byte: the run report, less the project's own waypoints and
// traceHash, must print exactly as *.expected.json (same keys, same order, same numbers).
// A copy lives beside this test, so every checkout (CI's clean clone, the mutation run's
// sandbox) checks them; where the team's shared/examples sits beside the project, the copy
// must still be the same as it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../timeline/run.ts';

const DIR = join(import.meta.dirname, 'examples');
const SHARED = join(import.meta.dirname, '../../../../shared/examples');
const names = readdirSync(DIR).filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json'));

describe('shared/examples', () => {
  it.each(names)('%s', (name) => {
    const scenario = JSON.parse(readFileSync(join(DIR, name), 'utf8'));
    const expected = readFileSync(join(DIR, name.replace(/\.json$/, '.expected.json')), 'utf8');
    const report: Record<string, unknown> = { ...runScenario(scenario) };
    delete report.waypoints;
    delete report.traceHash;
    expect(JSON.stringify(report, null, 1)).toBe(JSON.stringify(JSON.parse(expected), null, 1));
  });

  it.skipIf(!existsSync(SHARED))('are the same as the shared ones', () => {
    const shared = readdirSync(SHARED).sort();
    expect(readdirSync(DIR).sort()).toEqual(shared);
    for (const f of shared)
      expect(readFileSync(join(DIR, f), 'utf8'), f).toBe(readFileSync(join(SHARED, f), 'utf8'));
  });
});
