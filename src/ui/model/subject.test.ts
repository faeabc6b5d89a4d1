import { describe, expect, it } from 'vitest';
import type { Change, Subject, Waypoint } from '../../engine/trace.ts';
import { findPreset } from '../../scenario/presets/index.ts';
import { createTimeline } from '../../timeline/timeline.ts';
import { actingDevices, subjectPage } from './subject.ts';

const NAMES = ['gpu0', 'gpu1', 'gpu2', 'gpu3'];
const wp = (text: string, subject: Subject, changes: Change[] = []): Waypoint => ({
  seq: 0,
  action: 0,
  fn: 'f',
  text,
  layer: 'mm',
  subject,
  depth: 0,
  parent: -1,
  path: [],
  changes,
});
const seq = (dev: number): Change => ({ k: 'seq', dev, before: 0, after: 1 });
const dpte = (dev: number): Change => ({ k: 'dpte', dev, key: 0, before: null, after: null });

describe('actingDevices', () => {
  it('is the subject device when nothing on a device changes', () => {
    expect(actingDevices(wp('', { device: 'gpu3', pages: [12, 16] }), NAMES)).toEqual([3]);
    expect(actingDevices(wp('', { pid: 1, pages: [3, 4] }), NAMES)).toEqual([]);
  });

  it('reads the subject, not the sentence', () => {
    expect(actingDevices(wp('gpu2 says something', {}), NAMES)).toEqual([]);
  });

  it('puts the subject device first, then the others in the order they change', () => {
    const w = wp('', { device: 'gpu1' }, [seq(0), dpte(2), seq(1), dpte(0)]);
    expect(actingDevices(w, NAMES)).toEqual([1, 0, 2]);
  });

  it('follows the changes when the subject names a device they do not touch', () => {
    expect(actingDevices(wp('', { device: 'gpu0' }, [dpte(3)]), NAMES)).toEqual([3]);
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

describe('subjectPage', () => {
  it('is the page of a one-page subject, else null', () => {
    expect(subjectPage(wp('page 9', { pid: 1, pages: [3, 4] }))).toBe(3);
    expect(subjectPage(wp('page 9', { pid: 1, pages: [3, 5] }))).toBeNull();
    expect(subjectPage(wp('page 9', {}))).toBeNull();
  });
});
