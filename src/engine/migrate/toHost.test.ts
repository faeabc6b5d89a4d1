// The MMU_NOTIFY_CLEAR of try_to_migrate names no owner (try_to_migrate_one:
// mmu_notifier_range_init, not _owner), so no mirror takes it for its own migration: the rmap
// walk that unmaps the other mappings of a page shared since fork, and RELEASE's unmapping of
// each page (migrate_device_range).
import { describe, expect, it } from 'vitest';
import type { Action, ScenarioConfig } from '../../scenario/types.ts';
import { runSvm } from '../selftests/svm.ts';

// xe0 (device 1) is too small for a chunk, so it mirrors pid 1's pages 0–3 in place: its range
// stays. gpu0 then takes page 0.
const XE0_RANGE_THEN_GPU0: Action[] = [
  { op: 'mmap', start: 0, count: 4, prot: 'rw' },
  { op: 'cpu_write', start: 0, count: 4, values: [10, 11, 12, 13] },
  { op: 'dev_read', device: 'xe0', start: 1 },
  { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 1 },
];
const CONFIG: ScenarioConfig = {
  hostFrames: 32,
  devices: [
    { name: 'gpu0', frames: 8 },
    { name: 'xe0', frames: 2, driver: 'svm', chunk: 4 },
  ],
};

/** What xe0 says of the MMU_NOTIFY_CLEAR for pid 1's page 0 in the last action. */
function xe0OnClear(actions: Action[]): string {
  const r = runSvm(actions, CONFIG, true);
  const last = actions.length - 1;
  expect(r.results[last].status).toBe('ok');
  const trace = r.trace!.filter((w) => w.action === last);
  const clear = trace.findIndex(
    (w) => w.text.startsWith('MMU_NOTIFY_CLEAR for page 0') && w.subject.pid === 1,
  );
  expect(clear).toBeGreaterThanOrEqual(0);
  return trace.slice(clear).find((w) => w.fn === 'xe_svm_invalidate')!.text;
}

describe("try_to_migrate's MMU_NOTIFY_CLEAR", () => {
  it("for the other process's mapping of a shared page is no migration of xe0's", () => {
    // Fork shares page 0; pid 2 sends it home, and the rmap walk unmaps pid 1's mapping.
    const text = xe0OnClear([
      ...XE0_RANGE_THEN_GPU0,
      { op: 'fork' },
      { op: 'migrate_to_host', device: 'gpu0', pid: 2, start: 0, count: 1 },
    ]);
    expect(text).toBe(
      'drm_gpusvm_notifier_invalidate → xe_svm_invalidate: xe0 bumps its sequence to 4.',
    );
  });

  it("for each page RELEASE evicts is no migration of xe0's", () => {
    const text = xe0OnClear([...XE0_RANGE_THEN_GPU0, { op: 'release', device: 'gpu0' }]);
    expect(text).toBe(
      'drm_gpusvm_notifier_invalidate → xe_svm_invalidate: xe0 bumps its sequence to 2.',
    );
  });
});
