import { describe, expect, it } from 'vitest';
import { svmVramFull } from '../../scenario/presets/svmVramFull.ts';
import { createTimeline } from '../../timeline/timeline.ts';
import { evictionOf } from './eviction.ts';

describe('evictionOf', () => {
  const t = createTimeline(svmVramFull.scenario);
  const all = Array.from({ length: t.count }, (_, i) => t.waypoint(i));

  it('names the chunk pressure evicts, on every waypoint of the eviction and no other', () => {
    const hits = all.filter((w) => evictionOf(w) !== null);
    expect(hits.length).toBeGreaterThan(3);
    expect(hits[0].fn).toBe('ttm_bo_evict');
    expect(hits[0].subject.pages).toEqual([0, 4]);
    for (const w of hits) {
      const e = evictionOf(w)!;
      expect(e).toMatchObject({
        device: 'xe0',
        pid: 1,
        reason: 'VRAM full: the oldest chunk goes',
      });
      expect(e.start).toBeGreaterThanOrEqual(0);
      expect(e.start + e.count).toBeLessThanOrEqual(4);
    }
    // The allocation that follows the eviction is not part of it.
    expect(evictionOf(all.find((w) => w.fn === 'xe_bo_create_locked' && w.action === 3))).toBe(
      null,
    );
  });

  it('gives release its own reason', () => {
    const s = { ...svmVramFull.scenario, actions: [...svmVramFull.scenario.actions] };
    s.actions.push({ op: 'release', device: 'xe0' });
    const r = createTimeline(s);
    const last = r.summary({ hash: false }).actions.at(-1)!;
    const reasons = new Set<string>();
    for (let i = last.first; i <= last.last; i++) {
      const e = evictionOf(r.waypoint(i));
      if (e) reasons.add(e.reason);
    }
    expect([...reasons]).toEqual(['release: every chunk goes home, oldest first']);
  });
});
