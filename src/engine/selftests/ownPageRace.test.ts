// The driver's own page migrated home during its fault round (hmm-model.md I): the CPU touch
// runs dmirror's migrate_to_ram, whose MMU_NOTIFY_MIGRATE the driver skips (owner match), so
// mmu_interval_read_retry sees the sequence unchanged; dmirror_do_fault must still not map the
// freed device frame.
import { describe, expect, it } from 'vitest';
import type { Action } from '../../scenario/types.ts';
import { runScenario } from '../../timeline/run.ts';
import { build, counters, host, pagesOf, pte, ptOf, run, zero } from './scenario.ts';

// Page 1 alone is written (host frame 0), then moved to gpu0 frame 0, which frees host frame 0:
// migrate_to_ram takes it again, so the page comes home to the frame number the stale pfn
// names. Only the owner, not the frame number, tells the pfn is stale.
const SAME_FRAME_RACE: Action[] = [
  { op: 'mmap', start: 0, count: 2, prot: 'rw' },
  { op: 'cpu_write', start: 1, value: 6 },
  { op: 'migrate_to_device', device: 'gpu0', start: 1, count: 1 },
  {
    op: 'dev_read',
    device: 'gpu0',
    start: 0,
    count: 2,
    interleave: { op: 'cpu_read', start: 1 },
  },
];

describe('own page migrated home mid-round', () => {
  it('starts over when the page came home to the host frame of the same number', () => {
    const r = run(SAME_FRAME_RACE);
    expect(r.results[3]).toMatchObject({
      status: 'ok',
      cpages: 2,
      faults: 1,
      values: [0, 6],
      interleave: { op: 'cpu_read', status: 'ok' },
    });
    expect(pagesOf(r)).toEqual([zero(0), host(1, 6)]);
    expect(ptOf(r, 'gpu0')).toEqual([pte(0, 'host', 'zero', false), pte(1, 'host', 0, true)]);
    expect(r.counters).toEqual(
      counters({
        cpuFaults: 2,
        deviceFaults: 1,
        migrateToRam: 1,
        pagesToDevice: 1,
        pagesToHost: 1,
        pageFree: 1,
        rangeFaultRetries: 1,
      }),
    );
  });

  it('starts over when the stale own page is the first page of the range, page 0', () => {
    // The same race one page lower, so the stale pfn is the round's first. mprotect keeps page 0
    // on gpu0 but zaps gpu0's entry for it, so the device faults from page 0.
    const r = run([
      { op: 'mmap', start: 0, count: 2, prot: 'rw' },
      { op: 'cpu_write', start: 0, value: 6 },
      { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 1 },
      { op: 'mprotect', start: 0, count: 2, prot: 'r' },
      {
        op: 'dev_read',
        device: 'gpu0',
        start: 0,
        count: 2,
        interleave: { op: 'cpu_read', start: 0 },
      },
    ]);
    expect(r.results[4]).toMatchObject({ status: 'ok', cpages: 2, faults: 1, values: [6, 0] });
    expect(pagesOf(r)).toEqual([host(0, 6, false), zero(1)]);
    expect(ptOf(r, 'gpu0')).toEqual([pte(0, 'host', 0, false), pte(1, 'host', 'zero', false)]);
    expect(r.counters.rangeFaultRetries).toBe(1);
  });

  it('says which page went stale and why read_retry could not see it', () => {
    const trace = runScenario(build(SAME_FRAME_RACE), { trace: true }).trace ?? [];
    const stale = trace.filter((w) => w.action === 3 && w.fn === 'dmirror_do_fault');
    // The stale pfn, then the page table filled on the retry.
    expect(stale).toHaveLength(2);
    expect(stale[0].subject).toMatchObject({ pid: 1, pages: [1, 2] });
    expect(stale[0].text).toMatch(/page 1 is gpu0's own page/);
    expect(stale[0].text).toMatch(/MMU_NOTIFY_MIGRATE never moves its sequence/);
  });
});

describe('own coherent page that stayed put', () => {
  it('is mapped from its pfn at once: a present PTE to its own frame is not stale', () => {
    // mprotect zaps gpu0's mirror; the pages stay in gpu0's coherent frames, present to the CPU.
    const r = run(
      [
        { op: 'mmap', start: 0, count: 2, prot: 'rw' },
        { op: 'cpu_write', start: 0, count: 2, values: [5, 6] },
        { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 2 },
        { op: 'mprotect', start: 0, count: 2, prot: 'r' },
        { op: 'dev_read', device: 'gpu0', start: 0, count: 2 },
      ],
      { hostFrames: 8, devices: [{ name: 'gpu0', frames: 4, memory: 'coherent' }] },
      true,
    );
    expect(r.results[4]).toMatchObject({ status: 'ok', cpages: 2, faults: 1, values: [5, 6] });
    expect(r.counters.rangeFaultRetries).toBe(0);
    expect(ptOf(r, 'gpu0')).toEqual([pte(0, 'gpu0', 0, false), pte(1, 'gpu0', 1, false)]);
  });
});
