// mprotect and the notifier (hmm-model.md E): mprotect_fixup returns early for a VMA that
// already has the new protection, so only runs of pages whose protection changes send
// MMU_NOTIFY_PROTECTION_VMA — one per run — and an mprotect that changes nothing sends none.
import { beforeEach, describe, expect, it } from 'vitest';
import type { RunReport } from '../result.ts';
import type { Action } from '../../scenario/types.ts';
import { runScenario } from '../../timeline/run.ts';
import { build, counters, device, host, pagesOf, pte, ptOf, run, TWO_GPUS } from './scenario.ts';

const MIRRORED: Action[] = [
  { op: 'mmap', start: 0, count: 4, prot: 'rw' },
  { op: 'cpu_write', start: 0, count: 4, values: [0, 1, 2, 3] },
  { op: 'dev_read', device: 'gpu0', start: 0, count: 4 },
];

describe('mprotect to the protection the pages already have', () => {
  let r: RunReport;
  beforeEach(() => {
    r = run([...MIRRORED, { op: 'mprotect', start: 0, count: 4, prot: 'rw' }]);
  });

  it('sends no notifier and keeps the device mapping', () => {
    expect(r.results[3].status).toBe('ok');
    expect(r.counters).toEqual(counters({ cpuFaults: 4, deviceFaults: 1 }));
    expect(device(r, 'gpu0').seq).toBe(0);
    expect(ptOf(r, 'gpu0')).toEqual([0, 1, 2, 3].map((p) => pte(p, 'host', p, true)));
    expect(pagesOf(r)).toEqual([0, 1, 2, 3].map((p) => host(p, p)));
  });

  it('says why nothing happens, in mprotect_fixup', () => {
    const trace = runScenario(
      build([...MIRRORED, { op: 'mprotect', start: 0, count: 4, prot: 'rw' }]),
      {
        trace: true,
      },
    ).trace!;
    const mine = trace.filter((w) => w.action === 3);
    expect(mine.map((w) => w.fn)).toEqual(['mprotect_fixup']);
    expect(mine[0].text).toContain('returns early');
  });
});

describe('mprotect over pages some of which already have the new protection', () => {
  // Pages 1 and 3 are made read-only first; then 0–4 become read-only: pages 0, 2 and 4 change,
  // in three runs, and each run is one MMU_NOTIFY_PROTECTION_VMA per device.
  const actions: Action[] = [
    { op: 'mmap', start: 0, count: 5, prot: 'rw' },
    { op: 'cpu_write', start: 0, count: 5, values: [0, 1, 2, 3, 4] },
    { op: 'mprotect', start: 1, prot: 'r' },
    { op: 'mprotect', start: 3, prot: 'r' },
    { op: 'dev_read', device: 'gpu0', start: 0, count: 5 },
    { op: 'mprotect', start: 0, count: 5, prot: 'r' },
  ];

  it('notifies once per run of pages whose protection changes', () => {
    const r = run(actions, TWO_GPUS);
    expect(r.results[5].status).toBe('ok');
    // 2 devices × (1 + 1 for the single pages, 3 runs for the last mprotect).
    expect(r.counters).toEqual(counters({ cpuFaults: 5, deviceFaults: 1, invalidations: 10 }));
    expect(device(r, 'gpu1').seq).toBe(5);
    expect(pagesOf(r)).toEqual([0, 1, 2, 3, 4].map((p) => host(p, p, false)));
  });

  it('zaps only the device PTEs of the pages that changed', () => {
    const r = run(actions.slice(0, 5).concat({ op: 'mprotect', start: 0, count: 3, prot: 'r' }));
    // dev_read mapped 0–4 (1 and 3 read-only); pages 0 and 2 changed, so only they are zapped.
    expect(ptOf(r, 'gpu0')).toEqual([
      pte(1, 'host', 1, false),
      pte(3, 'host', 3, false),
      pte(4, 'host', 4, true),
    ]);
    expect(r.counters.invalidations).toBe(4);
  });

  it('narrates each run: the unchanged ones in mprotect_fixup, the changed in change_protection', () => {
    const trace = runScenario(build(actions), { trace: true }).trace!;
    const fns = trace.filter((w) => w.action === 5).map((w) => w.fn);
    expect(fns.filter((f) => f === 'mprotect_fixup')).toHaveLength(2);
    expect(fns.filter((f) => f === 'change_protection')).toHaveLength(3);
    expect(fns.filter((f) => f === 'mmu_notifier_invalidate_range_start')).toHaveLength(3);
  });
});

describe('mprotect into a hole', () => {
  it('still fails with ENOMEM when the pages before the hole needed no change', () => {
    const r = run([
      { op: 'mmap', start: 0, count: 2, prot: 'r' },
      { op: 'mprotect', start: 0, count: 3, prot: 'r' },
    ]);
    expect(r.results[1].status).toBe('ENOMEM');
    expect(r.counters.invalidations).toBe(0);
  });
});
