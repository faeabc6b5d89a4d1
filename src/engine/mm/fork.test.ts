import { describe, expect, it } from 'vitest';
import type { Action } from '../../scenario/types.ts';
import { runScenario } from '../../timeline/run.ts';

const run = (actions: Action[]) =>
  runScenario({
    format: 'hmm-lab/scenario@1',
    config: { hostFrames: 8, devices: [{ name: 'gpu0', frames: 4 }] },
    actions,
  });

describe('fork (flow J)', () => {
  it('shares private pages copy-on-write; the first write copies, the other side keeps its value', () => {
    const r = run([
      { op: 'mmap', start: 0, count: 2, prot: 'rw' },
      { op: 'cpu_write', start: 0, count: 2, values: [1, 2] },
      { op: 'fork' },
      { op: 'cpu_write', start: 0, value: 10 },
      { op: 'cpu_read', pid: 2, start: 0, count: 2 },
      { op: 'cpu_read', start: 0, count: 2 },
    ]);
    expect(r.results[2]).toEqual({ i: 2, op: 'fork', status: 'ok', pid: 2 });
    expect(r.results[4].values).toEqual([1, 2]);
    expect(r.results[5].values).toEqual([10, 2]);
    // 2 first-touch faults + 1 COW fault
    expect(r.counters.cpuFaults).toBe(3);
    // page 1 is still shared: one frame for both; page 0 was copied
    expect(r.hostFrames.free).toBe(8 - 3);
    expect(r.pages.filter((p) => p.page === 1).map((p) => p.writable)).toEqual([false, false]);
    expect(r.invariants.violations).toEqual([]);
  });

  it('shares a device-private page read-only; a CPU touch brings it home for both processes', () => {
    const r = run([
      { op: 'mmap', start: 0, count: 1, prot: 'rw' },
      { op: 'cpu_write', start: 0, value: 5 },
      { op: 'migrate_to_device', device: 'gpu0', start: 0 },
      { op: 'fork' },
      { op: 'snapshot', device: 'gpu0', pid: 2, start: 0 },
      { op: 'cpu_write', pid: 2, start: 0, value: 6 },
      { op: 'cpu_read', start: 0 },
    ]);
    expect(r.results[4].snapshot).toEqual(['dev-private-local+read']);
    expect(r.results[6].values).toEqual([5]);
    expect(r.counters.migrateToRam).toBe(1);
    // one device page freed once, after both mappings left it
    expect(r.counters.pageFree).toBe(1);
    expect(r.pages.map((p) => [p.pid, p.cpu, p.value])).toEqual([
      [1, 'present', 5],
      [2, 'present', 6],
    ]);
    expect(r.invariants.violations).toEqual([]);
  });

  it('fails with ESRCH for a pid that does not exist', () => {
    const r = run([{ op: 'fork', pid: 7 }]);
    expect(r.results[0].status).toBe('ESRCH');
  });
});
