// A waypoint's "what changed" list never holds an entry absent before and after: a release or
// an invalidation zaps a whole range of GPU page-table entries, most never mapped (setDevPte);
// nor a per-key table entry set to the value it has (setKeyed: svm's chunk bookkeeping is
// rewritten whole on every move).
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../scenario/presets/index.ts';
import { createTimeline } from './timeline.ts';

describe('a waypoint lists nothing that is absent, or the same, before and after', () => {
  it.each(PRESETS.map((p) => [p.id, p] as const))('%s', (_, preset) => {
    const tl = createTimeline(preset.scenario);
    const noops: string[] = [];
    for (let i = 0; i < tl.count; i++)
      for (const ch of tl.changes(i))
        if (
          ('before' in ch && ch.before === null && ch.after === null) ||
          ('key' in ch && !('dev' in ch) && ch.before === ch.after)
        )
          noops.push(`${i} ${tl.waypoint(i).fn} ${JSON.stringify(ch)}`);
    expect(noops).toEqual([]);
  });
});
