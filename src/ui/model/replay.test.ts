import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../scenario/presets/index.ts';
import { createTimeline } from '../../timeline/timeline.ts';
import { replay } from './replay.ts';

describe('replay one waypoint on the shown world', () => {
  for (const p of PRESETS) {
    it(`matches seek at every step of ${p.id}, forward and back`, () => {
      const t = createTimeline(p.scenario);
      const n = t.count;
      let w = t.seek(0).world;
      for (let i = 1; i < n; i++) {
        const before = w;
        w = replay(w, t.waypoint(i).changes, true);
        expect(w).toEqual(t.seek(i).world);
        expect(before).toEqual(t.seek(i - 1).world); // the old world is never mutated
      }
      for (let i = n - 1; i > 0; i--) {
        w = replay(w, t.waypoint(i).changes, false);
        expect(w).toEqual(t.seek(i - 1).world);
      }
    });
  }
});
