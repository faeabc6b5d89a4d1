// handle_mm_fault seen step by step: the PTE each fault installs (an entry to host memory names
// no device frame, the zero page no frame at all: what the change list and a later migration
// read) and what a write-protect fault is about (hmm-model-v2.md L.2 and L.7).
import { describe, expect, it } from 'vitest';
import type { Action, ScenarioConfig } from '../../scenario/types.ts';
import { SCENARIO_FORMAT_V2 } from '../../scenario/types.ts';
import { createTimeline } from '../../timeline/timeline.ts';
import type { VPage } from '../state.ts';
import type { Subject } from '../trace.ts';
import { build, vpage } from '../selftests/scenario.ts';

const CONFIG: ScenarioConfig = {
  hostFrames: 8,
  devices: [
    { name: 'gpu0', frames: 4, memory: 'coherent' },
    { name: 'gpu1', frames: 4 },
  ],
};

interface Step {
  fn: string;
  text: string;
  subject: Subject;
  ptes: (VPage | null)[];
}

/** The steps of the scenario's last action: function, subject and the PTEs it set. */
function lastAction(actions: Action[]): Step[] {
  const tl = createTimeline({ ...build(actions, CONFIG), format: SCENARIO_FORMAT_V2 });
  const out: Step[] = [];
  for (let i = 0; i < tl.count; i++) {
    const w = tl.waypoint(i);
    if (w.action !== actions.length - 1) continue;
    const ptes = w.changes.flatMap((c) => (c.k === 'pte' ? [c.after] : []));
    out.push({ fn: w.fn, text: w.text, subject: w.subject, ptes });
  }
  return out;
}

/** The PTEs the steps named fn set. */
const ptesOf = (steps: Step[], fn: string) =>
  steps.filter((s) => s.fn === fn).flatMap((s) => s.ptes);

const MMAP: Action = { op: 'mmap', start: 0, count: 2, prot: 'rw' };
/** Page 0 in gpu0's coherent frame 0, page 1 in host frame 1, both shared with pid 2 by fork. */
const FORKED: Action[] = [
  MMAP,
  { op: 'cpu_write', start: 0, count: 2, values: [5, 6] },
  { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 1 },
  { op: 'fork' },
];

describe('the PTE a fault installs', () => {
  it('a read of untouched anonymous memory maps the zero page: no frame, no device', () => {
    const steps = lastAction([MMAP, { op: 'cpu_read', start: 0 }]);
    expect(ptesOf(steps, 'do_anonymous_page')).toEqual([vpage({ state: 'zero', writable: false })]);
  });

  it('shmem_fault maps the page cache host frame, no device entry', () => {
    const steps = lastAction([
      { op: 'mmap', start: 0, count: 2, prot: 'rw', shared: true },
      { op: 'cpu_read', start: 0 },
    ]);
    expect(ptesOf(steps, 'shmem_fault')).toEqual([vpage({ shared: true, frame: 0 })]);
  });

  it('wp_page_copy of the zero page maps the new host frame, no device entry', () => {
    const steps = lastAction([
      MMAP,
      { op: 'cpu_read', start: 0 },
      { op: 'cpu_write', start: 0, value: 3 },
    ]);
    expect(ptesOf(steps, 'wp_page_copy')).toEqual([vpage({ frame: 0 })]);
  });

  it('wp_page_copy of a coherent page shared by fork maps a host frame, no device entry', () => {
    const steps = lastAction([...FORKED, { op: 'cpu_write', start: 0, value: 7 }]);
    // Host frame 0 was freed when page 0 moved to gpu0; the copy takes it.
    expect(ptesOf(steps, 'wp_page_copy')).toEqual([vpage({ frame: 0 })]);
  });

  it('a CPU touch of a device-exclusive page restores a present PTE, no device entry', () => {
    const steps = lastAction([
      MMAP,
      { op: 'make_exclusive', device: 'gpu1', start: 0 },
      { op: 'cpu_read', start: 0 },
    ]);
    expect(ptesOf(steps, 'remove_device_exclusive_entry')).toEqual([vpage({ frame: 0 })]);
  });
});

describe('what a write-protect fault is about', () => {
  it('a COW copy of a coherent page is about the device frame it copies from', () => {
    const steps = lastAction([...FORKED, { op: 'cpu_write', start: 0, value: 7 }]);
    const copies = steps.filter((s) => s.fn === 'wp_page_copy').map((s) => s.subject);
    expect(copies).toEqual([
      { pid: 1, pages: [0, 1], device: 'gpu0', frame: 0 },
      { pid: 1, pages: [0, 1], device: 'gpu0', frame: 0 },
    ]);
  });

  it('the COW copy of a coherent page says it copies straight from that device frame', () => {
    const steps = lastAction([...FORKED, { op: 'cpu_write', start: 0, value: 7 }]);
    expect(steps.find((s) => s.fn === 'wp_page_copy')?.text).toBe(
      "Page 0 still shares gpu0 frame 0 with another process since fork: copy-on-write copies it (value 5) straight from the device's coherent memory to host frame 0; no migrate_to_ram.",
    );
  });

  it('a coherent page this process alone maps is reused in place, about its device frame', () => {
    // The child's write copies page 0 to a host frame: gpu0 frame 0 is the parent's alone.
    const steps = lastAction([
      ...FORKED,
      { op: 'cpu_write', pid: 2, start: 0, value: 8 },
      { op: 'cpu_write', start: 0, value: 7 },
    ]);
    const reuse = steps.filter((s) => s.fn === 'wp_page_reuse').map((s) => s.subject);
    expect(reuse).toEqual([{ pid: 1, pages: [0, 1], device: 'gpu0', frame: 0 }]);
  });

  it('a host page reused for a device write stays about the device that faults', () => {
    const steps = lastAction([
      ...FORKED,
      { op: 'cpu_write', pid: 2, start: 1, value: 8 },
      { op: 'dev_write', device: 'gpu1', start: 1, value: 7 },
    ]);
    const reuse = steps.filter((s) => s.fn === 'wp_page_reuse').map((s) => s.subject);
    expect(reuse).toEqual([{ pid: 1, pages: [1, 2], device: 'gpu1' }]);
  });
});
