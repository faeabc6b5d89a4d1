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
