// The svm GPU view reads the same chunks, in the same LRU order, as the CLI's result@2.
import { describe, expect, it } from 'vitest';
import { chunksWithFrames } from '../../engine/svm/state.ts';
import { PRESETS } from '../../scenario/presets/index.ts';
import { runScenario } from '../../timeline/run.ts';
import { createTimeline } from '../../timeline/timeline.ts';

const svmLessons = PRESETS.filter((p) => p.scenario.config.devices.some((d) => d.driver === 'svm'));

describe('svm chunks in the lab and in the CLI', () => {
  it('has svm lessons to check', () => expect(svmLessons.length).toBeGreaterThanOrEqual(5));

  for (const p of svmLessons)
    it(`${p.id}: after every action, the view's chunks are result@2's, frames included`, () => {
      const t = createTimeline(p.scenario);
      for (const span of t.summary({ hash: false }).actions) {
        const w = t.seek(span.last).world;
        const cli = runScenario({
          ...p.scenario,
          actions: p.scenario.actions.slice(0, span.i + 1),
        });
        w.devices.forEach((d, dev) => {
          if (d.driver !== 'svm') return;
          const shown = chunksWithFrames(w, dev);
          expect(
            shown.map(({ chunk: c }) => ({ pid: c.pid, start: c.start, count: c.count })),
          ).toEqual(cli.devices[dev].chunks);
          const used = shown.reduce((n, c) => n + c.frames.length, 0);
          expect(d.size - used).toBe(cli.devices[dev].free);
          for (const c of shown) expect(c.frames).toHaveLength(c.chunk.count);
        });
      }
    });
});
