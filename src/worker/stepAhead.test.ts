import { describe, expect, it } from 'vitest';
import { PRESETS } from '../scenario/presets/index.ts';
import { applyWhatIf, alignWhatIf } from '../scenario/whatif.ts';
import { createComparison } from '../timeline/compare.ts';
import { createTimeline, type Timeline } from '../timeline/timeline.ts';
import { stepAheadInBackground } from './stepAhead.ts';

/** A timeline that counts the times its world is looked at. */
function counted(t: Timeline): Timeline & { peeks: number } {
  const c = Object.assign(Object.create(t) as Timeline, { peeks: 0 });
  c.peek = (i, read) => {
    c.peeks++;
    return t.peek(i, read);
  };
  return c;
}

describe('stepAheadInBackground', () => {
  const base = PRESETS.find((p) => p.scenario.actions.length >= 4)!.scenario;
  const edit = { kind: 'delete' as const, at: 1 };
  const open = () => {
    const a = counted(createTimeline(base));
    const b = counted(createTimeline(applyWhatIf(base, edit)));
    const steps = alignWhatIf(base.actions.length, base.actions.length - 1, edit);
    return { a, b, cmp: createComparison(a, b, steps) };
  };

  it('computes the steps ahead, so stepping through them looks at no world', async () => {
    const { a, b, cmp } = open();
    await stepAheadInBackground(cmp, () => true);
    const looked = a.peeks + b.peeks;
    expect(looked).toBeGreaterThan(0);
    for (let k = -1; k < cmp.steps.length; k++) cmp.at(k, { upTo: 512, differ: 512 });
    expect(a.peeks + b.peeks).toBe(looked);
  });

  it('stops once the comparison is no longer shown', async () => {
    const { a, b, cmp } = open();
    await stepAheadInBackground(cmp, () => false);
    expect(a.peeks + b.peeks).toBe(0);
  });
});
