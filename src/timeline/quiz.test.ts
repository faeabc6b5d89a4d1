import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenarioArb } from '../engine/oracle/arbitraries.ts';
import { reportPages } from '../engine/report.ts';
import { PRESETS } from '../scenario/presets/index.ts';
import type { Scenario } from '../scenario/types.ts';
import { questionsAt, questionsOfRun, type Question } from './quiz.ts';
import { createTimeline, type Timeline } from './timeline.ts';

/** The engine's own answer at the reveal step, derived here without the generator's code. */
function engineAnswer(t: Timeline, q: Question): string {
  const span = t.summary().actions.find((s) => s.i === q.action)!;
  const r = span.result!;
  switch (q.kind) {
    case 'nextfn':
      return t.waypoint(q.reveal).fn;
    case 'read':
      return r.status === 'ok' ? String(r.values![0]) : `fails: ${r.status}`;
    case 'migrated':
      return String(r.migrated ?? 0);
    case 'status':
      return r.status;
    case 'seq': {
      const seq = (i: number) => t.seek(i).world.devices.find((d) => d.name === q.device)!.seq;
      return seq(q.reveal) !== seq(q.at) ? 'yes, it moves' : 'no, it stays';
    }
    case 'where': {
      const w = t.seek(q.reveal).world;
      const p = reportPages(w).find((x) => x.pid === q.pid && x.page === q.page);
      if (!p) return 'unmapped (no VMA)';
      if (p.cpu === 'none') return 'nowhere yet (no PTE)';
      if (p.cpu === 'zero') return 'host, the shared zero page';
      if (p.cpu === 'device-exclusive') return 'host, device-exclusive entry';
      if (p.cpu === 'device-private') return `${p.location}, device-private entry`;
      return 'host, present';
    }
  }
}

function check(s: Scenario) {
  const t = createTimeline(s);
  const qs = questionsOfRun(t);
  for (const q of qs) {
    expect(q.at).toBeLessThan(q.reveal);
    expect(q.choices[q.answer], q.id).toBe(engineAnswer(t, q));
    expect(new Set(q.choices).size, q.id).toBe(q.choices.length);
    expect(q.choices.length).toBeGreaterThanOrEqual(2);
    expect(q.why).toContain(`Waypoint ${q.reveal}`);
  }
  expect(new Set(qs.map((q) => q.id)).size).toBe(qs.length);
  // Several function questions in one action: each about a different function, in run order.
  const fns = qs.filter((q) => q.kind === 'nextfn');
  for (const a of new Set(fns.map((q) => q.action))) {
    const mine = fns.filter((q) => q.action === a);
    expect(mine.length).toBeLessThanOrEqual(3);
    expect(new Set(mine.map((q) => q.choices[q.answer])).size).toBe(mine.length);
    for (let i = 1; i < mine.length; i++)
      expect(mine[i].at).toBeGreaterThanOrEqual(mine[i - 1].reveal);
  }
  // Same scenario, same questions; and questionsAt finds each where it is asked.
  const again = createTimeline(s);
  expect(questionsOfRun(again)).toEqual(qs);
  const spans = again.summary().actions;
  for (const q of qs) expect(questionsAt(again, spans, q.at).map((x) => x.id)).toContain(q.id);
  return qs;
}

describe('quiz questions', () => {
  it.each(PRESETS.map((p) => [p.id, p] as const))('%s: answers are the engine’s', (_, p) => {
    const qs = check(p.scenario);
    expect(qs.length).toBeGreaterThan(0);
  });

  it('200 random scenarios: every answer is the engine’s, no distractor equals it', () => {
    let asked = 0;
    fc.assert(
      fc.property(scenarioArb, (s) => {
        asked += check(s).length;
      }),
      { numRuns: 200 },
    );
    expect(asked).toBeGreaterThan(200);
  }, 120_000);

  it('cpu-touch asks where page 3 lives, which function frees the device page, what the read returns', () => {
    const t = createTimeline(PRESETS.find((p) => p.id === 'cpu-touch')!.scenario);
    const qs = questionsOfRun(t);
    const read = qs.find((q) => q.kind === 'read')!;
    expect(read.choices[read.answer]).toBe('3');
    expect(qs.some((q) => q.kind === 'nextfn')).toBe(true);
    expect(qs.find((q) => q.kind === 'migrated')!.choices).toContain('8');
  });

  it('an action with several teaching waypoints asks about each: cpu-touch migrates, then faults back', () => {
    const t = createTimeline(PRESETS.find((p) => p.id === 'cpu-touch')!.scenario);
    const byAction = (a: number) =>
      questionsOfRun(t)
        .filter((q) => q.kind === 'nextfn' && q.action === a)
        .map((q) => t.fn(q.reveal));
    const migrate = t.scenario.actions.findIndex((a) => a.op === 'migrate_to_device');
    const touch = t.scenario.actions.findIndex((a) => a.op === 'cpu_read');
    expect(byAction(migrate)).toEqual([
      'mmu_notifier_invalidate_range_start',
      'dmirror_interval_invalidate',
      'migrate_vma_setup',
    ]);
    expect(byAction(touch)).toContain('migrate_to_ram');
    expect(byAction(touch).length).toBeGreaterThan(1);
  });
});
