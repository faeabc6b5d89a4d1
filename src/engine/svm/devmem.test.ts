// Registering an svm device (flow O): about the device alone, no process and no page.
import { describe, expect, it } from 'vitest';
import { SCENARIO_FORMAT_V2 } from '../../scenario/types.ts';
import { createTimeline } from '../../timeline/timeline.ts';
import { build } from '../selftests/scenario.ts';

describe('svm registration (flow O)', () => {
  it('is about the device alone', () => {
    const tl = createTimeline({
      ...build([], { hostFrames: 4, devices: [{ name: 'gpu0', frames: 2, driver: 'svm' }] }),
      format: SCENARIO_FORMAT_V2,
    });
    const steps = Array.from({ length: tl.count }, (_, i) => tl.waypoint(i));
    expect(steps.map((w) => [w.action, w.fn, w.subject])).toEqual([
      [-1, 'devm_memremap_pages', { device: 'gpu0' }],
      [-1, 'drm_pagemap_init', { device: 'gpu0' }],
      [-1, 'drm_gpusvm_init', { device: 'gpu0' }],
      [-1, 'mmu_interval_notifier_insert', { device: 'gpu0' }],
    ]);
  });

  it("creates every frame's struct page, free, in devm_memremap_pages", () => {
    const tl = createTimeline({
      ...build([], { hostFrames: 4, devices: [{ name: 'gpu0', frames: 2, driver: 'svm' }] }),
      format: SCENARIO_FORMAT_V2,
    });
    const created = tl
      .waypoint(0)
      .changes.flatMap((c) => (c.k === 'dpage' ? [[c.frame, c.before, c.after]] : []));
    const free = { ref: 0, zdd: null, locked: false, value: 0, pins: 0 };
    expect(tl.waypoint(0).fn).toBe('devm_memremap_pages');
    expect(created).toEqual([
      [0, null, free],
      [1, null, free],
    ]);
  });
});
