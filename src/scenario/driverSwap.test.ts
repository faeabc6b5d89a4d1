import { describe, expect, it } from 'vitest';
import { createTimeline } from '../timeline/timeline.ts';
import { alignVariants, asVariant, pairsFor, variantLabel, type Variant } from './driverSwap.ts';
import { PRESETS } from './presets/index.ts';
import { parseScenario } from './schema.ts';
import type { Scenario } from './types.ts';

const SVM = { driver: 'svm', memory: 'private' } as const;
const DMIRROR = { driver: 'dmirror', memory: 'private' } as const;

const base: Scenario = {
  format: 'hmm-lab/scenario@1',
  title: 'two devices',
  config: {
    hostFrames: 32,
    devices: [
      { name: 'gpu0', frames: 16 },
      { name: 'gpu1', frames: 16 },
    ],
  },
  actions: [
    { op: 'mmap', start: 0, count: 8, prot: 'rw' },
    { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 4, pid: 1 },
    { op: 'migrate_to_host', device: 'gpu0', start: 0, count: 4 },
    { op: 'make_exclusive', device: 'gpu0', start: 4 },
    {
      op: 'dev_read',
      device: 'gpu1',
      start: 0,
      count: 2,
      interleave: { op: 'migrate_to_device', device: 'gpu0', start: 1 },
    },
    {
      op: 'dev_write',
      device: 'gpu0',
      start: 2,
      value: 5,
      interleave: { op: 'cpu_write', start: 2, value: 6 },
    },
    { op: 'migrate_to_device', device: 'gpu1', start: 6 },
    { op: 'release', device: 'gpu0' },
  ],
};

const valid = (s: Scenario) => {
  const r = parseScenario(s);
  expect(r.ok ? null : r.error).toBeNull();
};

describe('a dmirror device as svm', () => {
  const t = asVariant(base, 'gpu0', SVM);

  it('declares the device svm in a @2 scenario the schema accepts', () => {
    expect(t.scenario.format).toBe('hmm-lab/scenario@2');
    expect(t.scenario.config.devices).toEqual([
      { name: 'gpu0', frames: 16, driver: 'svm' },
      { name: 'gpu1', frames: 16 },
    ]);
    valid(t.scenario);
  });

  it('turns its migrate into a GPU touch, drops what svm has not, hoists interleaves', () => {
    expect(t.scenario.actions).toEqual([
      base.actions[0],
      { op: 'dev_read', device: 'gpu0', start: 0, count: 4, pid: 1 },
      { op: 'dev_read', device: 'gpu1', start: 0, count: 2 },
      { op: 'dev_read', device: 'gpu0', start: 1 },
      { op: 'dev_write', device: 'gpu0', start: 2, value: 5 },
      { op: 'cpu_write', start: 2, value: 6 },
      base.actions[6],
      base.actions[7],
    ]);
    expect(t.became).toEqual([[0], [1], [], [], [2, 3], [4, 5], [6], [7]]);
  });

  it('says what it changed and why, by the original action', () => {
    expect(t.notes.map((n) => n.action)).toEqual([1, 2, 3, 4, 5]);
    expect(t.notes[0].text).toMatch(/^migrate_to_device becomes dev_read: .*faults/);
    expect(t.notes[1].text).toMatch(/^migrate_to_host is dropped: .*CPU touches/);
    expect(t.notes[2].text).toMatch(/^make_exclusive is dropped: /);
    expect(t.notes[3].text).toMatch(
      /interleaved migrate_to_device runs after dev_read instead: an interleaved action may not name an svm device; then migrate_to_device becomes dev_read/,
    );
    expect(t.notes[4].text).toMatch(/cannot be interleaved/);
  });

  it('leaves the original alone', () => {
    expect(base.actions[1].op).toBe('migrate_to_device');
    expect('interleave' in base.actions[4]).toBe(true);
  });
});

describe('an svm device as dmirror, and memory', () => {
  it('keeps every action (dmirror takes all of svm’s ops) and forgets the chunk size', () => {
    const svm = asVariant(base, 'gpu0', SVM).scenario;
    const withChunk: Scenario = {
      ...svm,
      config: {
        ...svm.config,
        devices: [{ ...svm.config.devices[0], chunk: 2 }, svm.config.devices[1]],
      },
    };
    const t = asVariant(withChunk, 'gpu0', DMIRROR);
    expect(t.scenario.actions).toEqual(withChunk.actions);
    expect(t.notes).toEqual([]);
    expect(t.scenario.config.devices[0]).toEqual({ name: 'gpu0', frames: 16 });
    valid(t.scenario);
    // Back to svm keeps the chunk the scenario gave.
    expect(asVariant(withChunk, 'gpu0', SVM).scenario).toBe(withChunk);
  });

  it('is the scenario itself when the device is already that variant', () => {
    const t = asVariant(base, 'gpu0', DMIRROR);
    expect(t.scenario).toBe(base);
    expect(t.became).toEqual(base.actions.map((_, i) => [i]));
  });

  it('makes coherent memory with the same actions', () => {
    const t = asVariant(base, 'gpu1', { driver: 'dmirror', memory: 'coherent' });
    expect(t.scenario.config.devices[1]).toEqual({ name: 'gpu1', frames: 16, memory: 'coherent' });
    expect(t.scenario.actions).toEqual(base.actions);
    valid(t.scenario);
  });
});

describe('stepping the two together', () => {
  it('pairs action by action; a dropped action waits, a split one takes an extra step', () => {
    const l = asVariant(base, 'gpu0', DMIRROR).became;
    const r = asVariant(base, 'gpu0', SVM).became;
    expect(alignVariants(l, r)).toEqual([
      [0, 0],
      [1, 1],
      [2, null],
      [3, null],
      [4, 2],
      [null, 3],
      [5, 4],
      [null, 5],
      [6, 6],
      [7, 7],
    ]);
  });
});

describe('pairs', () => {
  it('compares drivers on the device’s memory, and memory under the device’s driver', () => {
    const label = (p: { left: Variant; right: Variant }) => [
      variantLabel(p.left),
      variantLabel(p.right),
    ];
    const [drv, mem] = pairsFor({ name: 'x', frames: 4, driver: 'svm' });
    expect(label(drv)).toEqual([
      'dmirror (test_hmm) · private memory',
      'svm (xe, amdgpu) · private memory',
    ]);
    expect(label(mem)).toEqual([
      'svm (xe, amdgpu) · private memory',
      'svm (xe, amdgpu) · coherent memory',
    ]);
    const [drvC, memC] = pairsFor({ name: 'x', frames: 4, memory: 'coherent' });
    expect(label(drvC)).toEqual([
      'dmirror (test_hmm) · coherent memory',
      'svm (xe, amdgpu) · coherent memory',
    ]);
    expect(label(memC)).toEqual([
      'dmirror (test_hmm) · private memory',
      'dmirror (test_hmm) · coherent memory',
    ]);
  });

  it('an svm device with coherent memory keeps its dev_reads and migrates into coherent VRAM', () => {
    const t = asVariant(base, 'gpu1', { driver: 'svm', memory: 'coherent' });
    expect(t.scenario.config.devices[1]).toMatchObject({ driver: 'svm', memory: 'coherent' });
    valid(t.scenario);
    const report = createTimeline(t.scenario).report();
    expect(report.invariants.violations).toEqual([]);
    expect(report.counters.pagesToDevice).toBeGreaterThan(0);
    expect(report.pages.some((p) => p.cpu === 'present' && p.location === 'gpu1')).toBe(true);
  });
});

describe('every lesson with a device', () => {
  for (const p of PRESETS)
    it(`${p.id}: each side of each pair is valid and keeps every invariant`, () => {
      const dev = p.scenario.config.devices[0];
      for (const pair of pairsFor(dev))
        for (const v of [pair.left, pair.right]) {
          const s = asVariant(p.scenario, dev.name, v).scenario;
          valid(s);
          const report = createTimeline(s).report();
          expect(report.invariants.violations, `${p.id} as ${variantLabel(v)}`).toEqual([]);
        }
    });
});
