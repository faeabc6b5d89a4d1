// mmu_notifier_invalidate_range_start as each mirror takes it: which events a dmirror device
// skips, what an svm device makes of an event that is not MMU_NOTIFY_UNMAP, and the zap of a
// range too large to probe page by page.
import { describe, expect, it } from 'vitest';
import { createCtx, emptyWorld, registerDevices, step } from '../index.ts';
import type { Action, ScenarioConfig } from '../../scenario/types.ts';
import { runScenario } from '../../timeline/run.ts';
import { ptKey } from '../state.ts';
import { rangesOf } from '../svm/state.ts';
import { runSvm } from '../selftests/svm.ts';
import { build, pte, ptOf, run, TWO_GPUS } from '../selftests/scenario.ts';
import { invalidateRange } from './notifier.ts';

/** A context after `actions`, to call the notifier directly. */
function ctxAfter(actions: Action[], config: ScenarioConfig) {
  const ctx = createCtx(emptyWorld(config), () => {});
  registerDevices(ctx);
  actions.forEach((a, i) => {
    ctx.action = i;
    step(ctx, a, i);
  });
  return ctx;
}

describe('a dmirror device skips only its own MMU_NOTIFY_MIGRATE', () => {
  const mirrored: Action[] = [
    { op: 'mmap', start: 0, count: 1, prot: 'rw' },
    { op: 'cpu_write', start: 0, value: 3 },
    { op: 'dev_read', device: 'gpu0', start: 0 },
  ];

  it('takes an MMU_NOTIFY_EXCLUSIVE that carries its own owner', () => {
    // make_device_exclusive passes the caller's owner (mmu_notifier_range_init_owner), but
    // dmirror_interval_invalidate skips only event == MMU_NOTIFY_MIGRATE && owner == mdevice.
    const c = ctxAfter(mirrored, TWO_GPUS);
    const seq = c.w.devices[0].seq;
    invalidateRange(c, 1, 0, 1, 'EXCLUSIVE', 0);
    expect(c.w.devices[0].seq).toBe(seq + 1);
    expect(c.w.devices[0].pt[ptKey(1, 0)]).toBeUndefined();
  });

  it('ignores the MMU_NOTIFY_MIGRATE of a migration it started', () => {
    const c = ctxAfter(mirrored, TWO_GPUS);
    const seq = c.w.devices[0].seq;
    invalidateRange(c, 1, 0, 1, 'MIGRATE', 0);
    expect(c.w.devices[0].seq).toBe(seq);
    expect(c.w.devices[0].pt[ptKey(1, 0)]).toMatchObject({ target: 'host', writable: true });
  });
});

describe('an svm device marks ranges unmapped only for MMU_NOTIFY_UNMAP', () => {
  const XE: ScenarioConfig = {
    hostFrames: 32,
    devices: [{ name: 'xe0', frames: 8, driver: 'svm', chunk: 4 }],
  };
  const bound: Action[] = [
    { op: 'mmap', start: 0, count: 4, prot: 'rw' },
    { op: 'cpu_write', start: 0, count: 4, values: [1, 2, 3, 4] },
    { op: 'dev_read', device: 'xe0', start: 0, count: 4 },
  ];
  const told = (actions: Action[]) =>
    runSvm(actions, XE, true)
      .trace!.filter((w) => w.action === 3 && w.fn === 'xe_svm_invalidate')
      .map((w) => w.text);
  const zaps =
    'drm_gpusvm_notifier_invalidate → xe_svm_invalidate: xe0 bumps its sequence to 2 and zaps 4 GPU PTEs — every page of 1 overlapping range, not just the pages invalidated (xe_pt_zap_ptes_range, drm_gpusvm_range_unmap_pages)';

  it('unbinds the range on mprotect and leaves it mapped', () => {
    const actions: Action[] = [...bound, { op: 'mprotect', start: 1, count: 1, prot: 'r' }];
    expect(told(actions)).toEqual([`${zaps}.`]);
    const c = ctxAfter(actions, XE);
    expect(rangesOf(c.w, 0).map((r) => [r.bound, r.unmapped])).toEqual([[false, false]]);
  });

  it('marks it unmapped for the garbage collector on munmap', () => {
    const actions: Action[] = [...bound, { op: 'munmap', start: 1, count: 1 }];
    expect(told(actions)[0]).toBe(`${zaps}; 1 range is marked unmapped for the garbage collector.`);
  });
});

describe('zapping a range of more than 64 pages', () => {
  it('drops exactly the device PTEs inside it, scanning the page table', () => {
    const actions: Action[] = [
      { op: 'mmap', start: 0, count: 100, prot: 'rw' },
      { op: 'dev_read', device: 'gpu0', start: 0, count: 100 },
      { op: 'munmap', start: 10, count: 80 },
    ];
    const r = run(actions, { hostFrames: 8, devices: [{ name: 'gpu0', frames: 4 }] });
    const kept = [...Array(10).keys(), ...Array.from({ length: 10 }, (_, i) => 90 + i)];
    expect(ptOf(r, 'gpu0')).toEqual(kept.map((p) => pte(p, 'host', 'zero', false)));
    const trace =
      runScenario(build(actions, { hostFrames: 8, devices: [{ name: 'gpu0', frames: 4 }] }), {
        trace: true,
      }).trace ?? [];
    expect(
      trace
        .filter((w) => w.action === 2 && w.fn === 'dmirror_interval_invalidate')
        .map((w) => w.text),
    ).toEqual([
      'gpu0 bumps its notifier sequence to 1 and zaps 80 device PTEs, so no stale translation survives.',
    ]);
  });
});
