import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenarioArb } from '../engine/oracle/arbitraries.ts';
import { decodeLink, encodeLink, linkParams } from './link.ts';
import { findPreset } from './presets/index.ts';
import { parseScenario } from './schema.ts';
import type { Scenario } from './types.ts';
import { alignWhatIf, applyWhatIf, describeWhatIf, type WhatIfEdit } from './whatif.ts';
import { decodeWhatIf, encodeWhatIf } from './whatifLink.ts';

const base = findPreset('cpu-touch')!.scenario;

const edits: WhatIfEdit[] = [
  { kind: 'delete', at: 3 },
  { kind: 'replace', at: 3, action: { op: 'dev_read', device: 'gpu0', start: 3 } },
  { kind: 'insert', at: 2, action: { op: 'cpu_write', start: 0, count: 2, values: [7, 8] } },
  { kind: 'fail', at: 2, device: 'gpu0' },
];

describe('what-if edits', () => {
  it.each(edits)('%j makes a valid branch and survives the link param', (e) => {
    const b = applyWhatIf(base, e);
    expect(parseScenario(b).ok).toBe(true);
    expect(b.config).toBe(base.config);
    const d = decodeWhatIf(encodeWhatIf(e));
    expect(d).toEqual({ ok: true, edit: e });
    expect(describeWhatIf(e, base)).toMatch(/action \d/);
  });

  it('delete removes exactly the named action; insert puts one before it', () => {
    expect(applyWhatIf(base, edits[0]).actions).toEqual(base.actions.filter((_, i) => i !== 3));
    const ins = applyWhatIf(base, edits[2]).actions;
    expect(ins).toHaveLength(base.actions.length + 1);
    expect(ins[2]).toEqual((edits[2] as { action: unknown }).action);
    expect(ins.slice(3)).toEqual(base.actions.slice(2));
  });

  it('interleave toggles on a device access and refuses other ops', () => {
    const s: Scenario = {
      ...base,
      actions: [{ op: 'dev_read', device: 'gpu0', start: 1, count: 2 }],
    };
    const on = applyWhatIf(s, { kind: 'interleave', at: 0 });
    expect(on.actions[0]).toMatchObject({ interleave: { op: 'cpu_write', start: 1 } });
    const off = applyWhatIf(on, { kind: 'interleave', at: 0 });
    expect(off.actions[0]).toEqual(s.actions[0]);
    expect(() => applyWhatIf(base, { kind: 'interleave', at: 0 })).toThrow(/takes no interleave/);
    expect(() => applyWhatIf(base, { kind: 'delete', at: 99 })).toThrow(/names action 100/);
  });

  it('bad params say what is wrong', () => {
    for (const p of ['', 'nope.1', 'delete.x', 'replace.1.@@@', 'fail.2.'])
      expect(decodeWhatIf(p)).toMatchObject({ ok: false, error: expect.stringMatching(/what-if/) });
  });

  it('links carry the branch after step, and old links open as before', () => {
    const e = edits[1];
    const hash = encodeLink(base) + linkParams({ step: 40, quiz: true, whatif: e });
    expect(hash).toMatch(/&step=40&quiz=1&whatif=replace\.3\./);
    const r = decodeLink(hash);
    expect(r).toMatchObject({ ok: true, kind: 'scenario', step: 40, quiz: true, whatif: e });
    const old = decodeLink(encodeLink(base, 5));
    expect(old).toEqual({ ok: true, kind: 'scenario', scenario: base, step: 5, embed: false });
    expect(decodeLink('#preset/cpu-touch&whatif=delete.1&embed=1')).toMatchObject({
      kind: 'preset',
      whatif: { kind: 'delete', at: 1 },
      embed: true,
    });
    expect(decodeLink('#preset/cpu-touch&whatif=bogus')).toMatchObject({ ok: false });
  });
});

describe('alignWhatIf', () => {
  it('steps every action of each side once, in order, and pairs the rest', () => {
    fc.assert(
      fc.property(
        scenarioArb,
        fc.nat(),
        fc.constantFrom('delete', 'insert', 'replace'),
        (s, k, kind) => {
          const n = s.actions.length;
          if (n === 0) return;
          const at = k % n;
          const e: WhatIfEdit =
            kind === 'delete'
              ? { kind, at }
              : { kind: kind as 'insert', at, action: { op: 'cpu_read', start: 0 } };
          const m = applyWhatIf(s, e).actions.length;
          const steps = alignWhatIf(n, m, e);
          expect(steps.map((x) => x[0]).filter((x) => x !== null)).toEqual([...Array(n).keys()]);
          expect(steps.map((x) => x[1]).filter((x) => x !== null)).toEqual([...Array(m).keys()]);
          // Outside the edit, each step pairs the same original action on both sides.
          const branch = applyWhatIf(s, e).actions;
          for (const [l, r] of steps)
            if (l !== null && r !== null && !(kind === 'replace' && l === at))
              expect(branch[r]).toEqual(s.actions[l]);
        },
      ),
      { numRuns: 100 },
    );
  });
});
