import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../scenario/presets/index.ts';
import { createTimeline } from '../../timeline/timeline.ts';
import { idleFrameText } from './idleFrame.ts';

const worldOf = (id: string) => {
  const p = PRESETS.find((x) => x.id === id)!;
  const tl = createTimeline(p.scenario);
  return tl.seek(tl.count - 1).world;
};

describe('idleFrameText', () => {
  it('a dmirror frame no page uses is on the free list', () => {
    const w = worldOf('cpu-touch');
    const free = w.devices[0].frames.findIndex((f) => f.zdd === null);
    expect(idleFrameText(w, 0, free)).toBe('on the free list');
  });

  it('an svm frame in no live chunk is free VRAM, not a free list entry', () => {
    const w = worldOf('svm-fault-range');
    const dev = w.devices.findIndex((d) => d.driver === 'svm');
    const texts = w.devices[dev].frames.map((_, f) => idleFrameText(w, dev, f));
    expect(texts).toContain('free VRAM (in no live chunk)');
    expect(texts.some((t) => t.includes('free list'))).toBe(false);
  });
});
