import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenario/schema.ts';
import { createTimeline } from '../../timeline/timeline.ts';
import { stageSvg } from './stageSvg.ts';

describe('the stage figure of coherent memory and pins', () => {
  it('puts a coherent page in its device frame and reads a pinned frame as the kernel does', () => {
    const r = parseScenario({
      format: 'hmm-lab/scenario@2',
      config: { hostFrames: 4, devices: [{ name: 'gpu0', frames: 4, memory: 'coherent' }] },
      actions: [
        { op: 'mmap', start: 0, count: 2, prot: 'rw' },
        { op: 'cpu_write', start: 0, count: 2, values: [7, 8] },
        { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 1 },
        { op: 'pin', start: 0, longterm: false },
        { op: 'pin', start: 1 },
      ],
    });
    if (!r.ok) throw new Error(r.error);
    const tl = createTimeline(r.scenario);
    const world = tl.seek(tl.count - 1).world;
    const caption = { title: 't', step: 0, count: 1, fn: 'f', sentence: 's' };
    const svg = stageSvg(world, caption, (v) => v);
    expect(svg).toContain('GPU0 · device-coherent memory');
    expect(svg).toContain('>gpu0 d0<');
    // Truncated in the cell, whole in its title.
    expect(svg).toContain('<title>pin 1 · ref 1025 · dmirror(gpu0) pid 1 page 0</title>');
    expect(svg).toContain('<title>pin 1 · ref 1025</title>');
  });
});
