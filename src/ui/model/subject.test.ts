import { describe, expect, it } from 'vitest';
import type { Change, Waypoint } from '../../engine/trace.ts';
import { findPreset } from '../../scenario/presets/index.ts';
import { createTimeline } from '../../timeline/timeline.ts';
import { actingDevices } from './subject.ts';

const NAMES = ['gpu0', 'gpu1', 'gpu2', 'gpu3'];
const wp = (text: string, changes: Change[] = []): Waypoint =>
  ({ seq: 0, action: 0, fn: 'f', text, path: [], changes }) as Waypoint;
const seq = (dev: number): Change => ({ k: 'seq', dev, before: 0, after: 1 });
const dpte = (dev: number): Change => ({ k: 'dpte', dev, key: 0, before: null, after: null });

describe('actingDevices', () => {
  it('is the device the sentence names when nothing on a device changes', () => {
    expect(actingDevices(wp('gpu3 reads pages 12–15 through its own page table'), NAMES)).toEqual([
      3,
    ]);
    expect(actingDevices(wp('The CPU reads page 3'), NAMES)).toEqual([]);
  });

  it('puts the named device first, then the others in the order they change', () => {
    const w = wp('gpu1 migrates; gpu0 zaps its entries', [seq(0), dpte(2), seq(1), dpte(0)]);
    expect(actingDevices(w, NAMES)).toEqual([1, 0, 2]);
  });

  it('follows the changes when the sentence names a device they do not touch', () => {
    const w = wp("gpu0's fault meets a page in gpu3's memory", [dpte(3)]);
    expect(actingDevices(w, NAMES)).toEqual([3]);
  });

  it('finds gpu1 acting when it migrates in the two-gpus preset', () => {
    const p = findPreset('two-gpus')!;
    const t = createTimeline(p.scenario);
    const copies = Array.from({ length: t.count }, (_, i) => t.waypoint(i)).filter(
      (w) => w.fn === 'dmirror_migrate_alloc_and_copy',
    );
    expect(copies.length).toBeGreaterThan(0);
    for (const w of copies) expect(actingDevices(w, ['gpu0', 'gpu1'])[0]).toBe(1);
  });
});
