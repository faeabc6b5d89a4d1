// A device page shared since fork comes home for every process that maps it: try_to_migrate's
// rmap walk unmaps the other mappings with MMU_NOTIFY_CLEAR, which names no owner
// (try_to_migrate_one: mmu_notifier_range_init, not _owner), so no mirror takes it for its own
// migration.
import { describe, expect, it } from 'vitest';
import { runSvm } from '../selftests/svm.ts';

describe("the rmap walk's MMU_NOTIFY_CLEAR for another process's mapping", () => {
  it('is no migration of an svm device that has a range there', () => {
    // xe0 (device 1) is too small for a chunk, so it mirrors pid 1's pages 0–3 in place: its
    // range stays. gpu0 then takes page 0, fork shares it, and pid 2 sends it home.
    const r = runSvm(
      [
        { op: 'mmap', start: 0, count: 4, prot: 'rw' },
        { op: 'cpu_write', start: 0, count: 4, values: [10, 11, 12, 13] },
        { op: 'dev_read', device: 'xe0', start: 1 },
        { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 1 },
        { op: 'fork' },
        { op: 'migrate_to_host', device: 'gpu0', pid: 2, start: 0, count: 1 },
      ],
      {
        hostFrames: 32,
        devices: [
          { name: 'gpu0', frames: 8 },
          { name: 'xe0', frames: 2, driver: 'svm', chunk: 4 },
        ],
      },
      true,
    );
    expect(r.results[5]).toMatchObject({ status: 'ok', cpages: 1 });
    const trace = r.trace!.filter((w) => w.action === 5);
    const clear = trace.findIndex((w) => w.text.startsWith('MMU_NOTIFY_CLEAR for page 0'));
    expect(trace[clear].subject).toEqual({ pid: 1, pages: [0, 1] });
    const xe0 = trace.slice(clear).find((w) => w.fn === 'xe_svm_invalidate')!;
    expect(xe0.text).toBe(
      'drm_gpusvm_notifier_invalidate → xe_svm_invalidate: xe0 bumps its sequence to 4.',
    );
  });
});
