import { describe, expect, it } from 'vitest';
import { reportPages } from '../../engine/report.ts';
import type { Scenario } from '../../scenario/types.ts';
import { createTimeline } from '../../timeline/timeline.ts';
import { mappersShort, owners, residence } from './residence.ts';

const coherent: Scenario = {
  format: 'hmm-lab/scenario@2',
  title: 'coherent',
  config: { hostFrames: 8, devices: [{ name: 'gpu0', frames: 4, memory: 'coherent' }] },
  actions: [
    { op: 'mmap', start: 0, count: 3, prot: 'rw' },
    { op: 'cpu_write', start: 0, count: 2, values: [5, 6] },
    { op: 'migrate_to_device', device: 'gpu0', start: 1, count: 2 },
    { op: 'make_exclusive', device: 'gpu0', start: 2 },
  ],
};

describe('residence', () => {
  it('names the device holding a coherent frame, as the CLI pages[] does, at every step', () => {
    const t = createTimeline(coherent);
    const seen = new Set<string>();
    for (let i = 0; i < t.count; i++) {
      const w = t.seek(i).world;
      const pages = w.procs[1].pages;
      for (const r of reportPages(w)) {
        const vp = pages[r.page];
        if (vp.state === 'migration') continue; // the CLI never prints a mid-migration world
        const ui = residence(vp, w);
        expect([ui.cpu, ui.location], `step ${i} page ${r.page}`).toEqual([r.cpu, r.location]);
        seen.add(`${r.page}:${r.cpu}@${r.location}`);
      }
    }
    // The run did reach the interesting states: host, coherent present, coherent exclusive.
    expect(seen).toContain('0:present@host');
    expect(seen).toContain('1:present@gpu0');
    expect(seen).toContain('2:device-exclusive@gpu0');
  });

  it('counts a coherent frame among its device frames, not the host frames', () => {
    const t = createTimeline(coherent);
    const w = t.seek(t.count - 1).world;
    const o = owners(w);
    const devOwners = [...o.dev[0].values()].flat().map((r) => r.page);
    expect(devOwners.sort()).toEqual([1, 2]);
    expect([...o.host.values()].flat().map((r) => r.page)).toEqual([0]);
  });
});

describe('mappersShort', () => {
  it('names one page once with a count when forked processes share it', () => {
    const refs = [
      { pid: 1, page: 0 },
      { pid: 2, page: 0 },
      { pid: 3, page: 0 },
    ];
    expect(mappersShort(refs, true)).toBe('p0 ×3');
  });
  it('lists different pages, with their pids when there are several processes', () => {
    expect(
      mappersShort(
        [
          { pid: 1, page: 0 },
          { pid: 2, page: 5 },
        ],
        true,
      ),
    ).toBe('1:p0 2:p5');
    expect(mappersShort([{ pid: 1, page: 7 }], false)).toBe('p7');
    expect(mappersShort([], true)).toBe('');
  });
});
