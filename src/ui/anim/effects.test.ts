import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenario/schema.ts';
import { createTimeline } from '../../timeline/timeline.ts';
import { effects } from './effects.ts';
import { highlights } from '../model/highlights.ts';

const cpuTouch = {
  format: 'hmm-lab/scenario@1',
  config: { hostFrames: 32, devices: [{ name: 'gpu0', frames: 16 }] },
  actions: [
    { op: 'mmap', start: 0, count: 8, prot: 'rw' },
    { op: 'cpu_write', start: 0, count: 8, values: [0, 1, 2, 3, 4, 5, 6, 7] },
    { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 8 },
    { op: 'cpu_read', start: 3 },
  ],
};

function run() {
  const p = parseScenario(cpuTouch);
  if (!p.ok) throw new Error(p.error);
  return createTimeline(p.scenario);
}

const all = (t: ReturnType<typeof run>) => Array.from({ length: t.count }, (_, i) => t.waypoint(i));

describe('effects of a waypoint', () => {
  it('sends each page over the bus at the driver copy, both ways, and frees the frame', () => {
    const t = run();
    const moves = all(t).flatMap((w) => effects(w, t.seek(w.seq).world).moves);
    const overBus = moves.filter((m) => m.viaBus);
    expect(overBus.filter((m) => m.from.startsWith('host-')).map((m) => m.label)).toEqual([
      'p0',
      'p1',
      'p2',
      'p3',
      'p4',
      'p5',
      'p6',
      'p7',
    ]);
    expect(overBus.filter((m) => m.from.startsWith('dev-'))).toEqual([
      expect.objectContaining({ from: 'dev-0-3', label: 'p3' }),
    ]);
    expect(moves.filter((m) => m.to === 'free-0')).toEqual([
      expect.objectContaining({ from: 'dev-0-3' }),
    ]);
  });

  it('flashes the CPU fault on the page that faults', () => {
    const t = run();
    const swap = all(t).find((w) => w.fn === 'do_swap_page')!;
    expect([...highlights(swap, 1, ['gpu0'], [3]).faults]).toEqual(['page-1-3']);
  });
});

describe('effects of an svm waypoint', () => {
  it('moves a faulted range and an evicted chunk each as one grouped flight', async () => {
    const { svmVramFull } = await import('../../scenario/presets/svmVramFull.ts');
    const t = createTimeline(svmVramFull.scenario);
    const grouped = all(t).flatMap((w) =>
      effects(w, t.seek(w.seq).world)
        .moves.filter((m) => m.group)
        .map((m) => ({ fn: w.fn, label: m.label, from: m.group!.from, to: m.group!.to })),
    );
    expect(grouped.map((g) => [g.fn, g.label])).toEqual([
      ['migrate_vma_finalize', 'p0–3'],
      ['migrate_vma_finalize', 'p4–7'],
      ['migrate_device_finalize', 'p0–3 home'],
      ['migrate_vma_finalize', 'p8–11'],
    ]);
    const evict = grouped[2];
    expect(evict.from).toEqual(['dev-0-0', 'dev-0-1', 'dev-0-2', 'dev-0-3']);
    expect(evict.to.every((k) => k.startsWith('host-'))).toBe(true);
    // No page of a grouped move flies on its own at the same waypoint.
    for (const w of all(t)) {
      const fx = effects(w, t.seek(w.seq).world);
      if (fx.moves.some((m) => m.group)) expect(fx.moves).toHaveLength(1);
    }
  });

  it('leaves dmirror migrations page by page', () => {
    const t = run();
    expect(all(t).some((w) => effects(w, t.seek(w.seq).world).moves.some((m) => m.group))).toBe(
      false,
    );
  });
});

describe('a CPU access to a coherent page', () => {
  const coherent = {
    format: 'hmm-lab/scenario@2',
    config: { hostFrames: 16, devices: [{ name: 'gpu0', frames: 8, memory: 'coherent' }] },
    actions: [
      { op: 'mmap', start: 0, count: 4, prot: 'rw' },
      { op: 'cpu_write', start: 0, count: 4, values: [10, 11, 12, 13] },
      { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 4 },
      { op: 'cpu_read', start: 2 },
      { op: 'cpu_write', start: 1, value: 5 },
    ],
  };
  it('travels straight across the link to the device frame, and faults nowhere', () => {
    const p = parseScenario(coherent);
    if (!p.ok) throw new Error(p.error);
    const t = createTimeline(p.scenario);
    const steps = all(t).filter((w) => w.action >= 3);
    expect(steps.map((w) => w.fn)).toEqual(['cpu_read', 'cpu_write']);
    const [load, store] = steps.map((w) => effects(w, t.seek(w.seq).world));
    expect(load.moves).toEqual([
      { from: 'page-1-2', to: 'dev-0-2', label: 'load p2', dev: 0, viaBus: true },
    ]);
    expect(store.moves).toEqual([
      { from: 'page-1-1', to: 'dev-0-1', label: 'store p1', dev: 0, viaBus: true },
    ]);
    const hl = highlights(steps[0], 1, ['gpu0'], [2]);
    expect([...hl.changed].sort()).toEqual(['dev-0-2', 'page-1-2']);
    expect(hl.faults.size).toBe(0);
    // The same access to a host page is an ordinary access: nothing travels.
    const host = all(t).find((w) => w.action === 1 && w.fn === 'cpu_write')!;
    expect(effects(host, t.seek(host.seq).world).moves).toEqual([]);
  });
});
