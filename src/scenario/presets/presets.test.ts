import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../timeline/run.ts';
import { createTimeline } from '../../timeline/timeline.ts';
import { encodeLink } from '../link.ts';
import { parseScenario } from '../schema.ts';
import { DEFAULT_PRESET_ID, findPreset, PRESETS, TOPICS } from './index.ts';

describe('presets', () => {
  it.each(PRESETS.map((p) => [p.id, p] as const))(
    '%s names a known course topic and has a short title',
    (_id, p) => {
      expect(TOPICS as readonly string[]).toContain(p.topic);
      expect(p.short.trim().length).toBeGreaterThan(0);
      expect(p.short.length).toBeLessThanOrEqual(32);
    },
  );

  it('are in course order (topic by topic, in TOPICS order), with unique ids', () => {
    const ranks = PRESETS.map((p) => TOPICS.indexOf(p.topic));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(new Set(PRESETS.map((p) => p.short)).size).toBe(PRESETS.length);
    expect(new Set(PRESETS.map((p) => p.id)).size).toBe(PRESETS.length);
    expect(PRESETS.length).toBeGreaterThanOrEqual(12);
    expect(findPreset(DEFAULT_PRESET_ID)).toBeDefined();
    for (const p of PRESETS) expect(p.id).toMatch(/^[a-z0-9][a-z0-9-]*$/);
  });

  it('cpu-touch runs the public example scenario', () => {
    const file = join(import.meta.dirname, '../../cli/fixtures/cpu-touch-brings-page-home.json');
    const example = JSON.parse(readFileSync(file, 'utf8'));
    const preset = findPreset('cpu-touch')!.scenario;
    expect(preset.config).toEqual(example.config);
    expect(preset.actions).toEqual(example.actions);
  });

  it.each(PRESETS.map((p) => [p.id, p] as const))('%s is valid, small and linkable', (_id, p) => {
    expect(parseScenario(p.scenario)).toEqual({ ok: true, scenario: p.scenario });
    expect(encodeLink(p.scenario).length).toBeLessThanOrEqual(200);
    // The share link carries the run's digest (&h=…&ha=…): the bench's preset_link_chars_max.
    const digest = createTimeline(p.scenario).digest();
    expect(encodeLink(p.scenario, undefined, digest).length).toBeLessThanOrEqual(200);
    expect(p.description.length).toBeGreaterThan(0);
    // A note is found by (action, fn): two notes with the same key would hide one another.
    const keys = p.notes.map((n) => `${n.action}/${n.fn ?? ''}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each(PRESETS.map((p) => [p.id, p] as const))(
    '%s runs without invariant violations and its notes point at real waypoints',
    (_id, p) => {
      const report = runScenario(p.scenario, { trace: true });
      expect(report.invariants.violations).toEqual([]);
      for (const note of p.notes) {
        expect(note.action).toBeGreaterThanOrEqual(-1); // -1: device registration
        expect(note.action).toBeLessThan(p.scenario.actions.length);
        if (note.fn) {
          const fns = report.trace!.filter((w) => w.action === note.action).map((w) => w.fn);
          expect(fns, `note on action ${note.action}`).toContain(note.fn);
        }
      }
    },
  );
});
