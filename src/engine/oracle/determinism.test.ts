// Same scenario, same run: the report does not depend on asking for the trace, and traceHash is
// the SHA-256 of the trace's {seq, action, fn, text} lines (scenario-format.md, CLI).
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../timeline/run.ts';
import { scenarioArb } from './arbitraries.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe('determinism and the trace', () => {
  it('gives the same report twice, with or without the trace', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const plain = runScenario(s);
        const traced = runScenario(s, { trace: true });
        const trace = traced.trace ?? [];
        expect(trace.length).toBe(traced.waypoints);
        expect(trace.map((w) => w.seq)).toEqual(trace.map((_, k) => k));
        // Registration (flow A) first, then actions in order.
        const acts = trace.map((w) => w.action);
        expect(acts[0]).toBe(-1);
        expect(acts.every((a, k) => k === 0 || a >= acts[k - 1])).toBe(true);
        expect(Math.max(...acts)).toBeLessThan(s.actions.length);
        const lines = trace.map((w) =>
          JSON.stringify({ seq: w.seq, action: w.action, fn: w.fn, text: w.text }),
        );
        // "One JSON object per line": with or without the final newline.
        expect([sha256(lines.join('\n')), sha256(lines.join('\n') + '\n')]).toContain(
          traced.traceHash,
        );
        delete traced.trace;
        expect(traced).toEqual(plain);
      }),
      { numRuns: 150 },
    );
  });
});
