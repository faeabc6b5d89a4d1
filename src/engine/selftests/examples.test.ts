// The shared examples byte for byte: the run report, less the project's own waypoints and
// traceHash, must print exactly as *.expected.json (same keys, same order, same numbers).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../timeline/run.ts';

const DIR = join(import.meta.dirname, '../../../../shared/examples');
const names = existsSync(DIR)
  ? readdirSync(DIR).filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json'))
  : [];

describe.skipIf(names.length === 0)('shared/examples', () => {
  it.each(names)('%s', (name) => {
    const scenario = JSON.parse(readFileSync(join(DIR, name), 'utf8'));
    const expected = readFileSync(join(DIR, name.replace(/\.json$/, '.expected.json')), 'utf8');
    const report: Record<string, unknown> = { ...runScenario(scenario) };
    delete report.waypoints;
    delete report.traceHash;
    expect(JSON.stringify(report, null, 1)).toBe(JSON.stringify(JSON.parse(expected), null, 1));
  });
});
