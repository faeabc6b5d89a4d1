// A @2 scenario that uses none of the @2 fields runs exactly like its @1 twin (same results,
// waypoints and traceHash); result@2 only adds its fields after the @1 keys of each object.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../scenario/presets/index.ts';
import { parseScenario } from '../scenario/schema.ts';
import type { Scenario } from '../scenario/types.ts';
import { runScenario } from './run.ts';

const DIR = ['../../../shared/examples', '../../../../shared/examples']
  .map((d) => join(import.meta.dirname, d))
  .find((d) => existsSync(d));
const examples: [string, Scenario][] = DIR
  ? readdirSync(DIR)
      .filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json'))
      .map((f) => {
        const r = parseScenario(JSON.parse(readFileSync(join(DIR, f), 'utf8')));
        if (!r.ok) throw new Error(r.error);
        return [f, r.scenario];
      })
  : [];

// Lessons written in @2 (svm, coherent memory) have no @1 twin.
const twins: [string, Scenario][] = [
  ...PRESETS.filter((p) => p.scenario.format === 'hmm-lab/scenario@1').map(
    (p) => [p.id, p.scenario] as [string, Scenario],
  ),
  ...examples,
];

const V1_COUNTERS = [
  'cpuFaults',
  'deviceFaults',
  'migrateToRam',
  'pagesToDevice',
  'pagesToHost',
  'pageFree',
  'invalidations',
  'rangeFaultRetries',
];

describe('a @2 twin of every lesson and shared example', () => {
  it.each(twins)('%s', (_, s1) => {
    const r1 = runScenario(s1, { trace: true });
    const r2 = runScenario({ ...s1, format: 'hmm-lab/scenario@2' }, { trace: true });
    expect(r1.format).toBe('hmm-lab/result@1');
    expect(r2.format).toBe('hmm-lab/result@2');
    expect(r2.results).toEqual(r1.results);
    expect(r2.waypoints).toBe(r1.waypoints);
    expect(r2.traceHash).toBe(r1.traceHash);
    expect(r2.trace).toEqual(r1.trace);
    expect(r2.invariants).toEqual(r1.invariants);

    // @1 keys exactly as before.
    expect(Object.keys(r1.counters)).toEqual(V1_COUNTERS);
    expect(Object.keys(r1.hostFrames)).toEqual(['total', 'free']);
    for (const p of r1.pages)
      expect(Object.keys(p)).toEqual(['pid', 'page', 'cpu', 'writable', 'location', 'value']);
    for (const d of r1.devices)
      expect(Object.keys(d)).toEqual(['name', 'frames', 'free', 'pageTable', 'seq', 'allocated']);

    // @2: the same @1 fields, then the new ones.
    expect(r2.pages).toEqual(r1.pages.map((p) => ({ ...p, pinned: false })));
    expect(r2.hostFrames).toEqual({ ...r1.hostFrames, pinned: 0 });
    expect(r2.counters).toEqual({
      ...r1.counters,
      // dmirror release is migrate_device_range: its pages count as evicted.
      pagesEvicted: r1.results
        .filter((r) => r.op === 'release')
        .reduce((n, r) => n + (r.cpages ?? 0), 0),
      pagesPinned: 0,
      pinMigrations: 0,
    });
    expect(r2.devices).toEqual(
      r1.devices.map((d) => ({ ...d, memory: 'private', driver: 'dmirror', pinned: 0 })),
    );
    expect(JSON.stringify(r2.devices.map((d) => Object.keys(d)))).toBe(
      JSON.stringify(
        r1.devices.map(() => [
          'name',
          'frames',
          'free',
          'pageTable',
          'seq',
          'allocated',
          'memory',
          'driver',
          'pinned',
        ]),
      ),
    );
  });

  it('covers the shared examples when they are there', () => {
    expect(DIR === undefined || examples.length > 0).toBe(true);
  });
});
