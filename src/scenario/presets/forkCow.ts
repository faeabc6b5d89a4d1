import type { Preset } from './types.ts';

export const forkCow: Preset = {
  id: 'fork-cow',
  title: 'fork shares device pages read-only',
  topic: 'Fork',
  short: 'fork: device pages read-only',
  description:
    'After fork, parent and child share every private page copy-on-write, device-private ' +
    "pages included: both get a read-only entry to the same device frame. The child's write " +
    'faults the page back to RAM, then copies it; the parent still sees its own data.',
  scenario: {
    format: 'hmm-lab/scenario@1',
    title: 'fork shares device pages read-only',
    config: { hostFrames: 16, devices: [{ name: 'gpu0', frames: 4 }] },
    actions: [
      { op: 'mmap', start: 0, count: 2, prot: 'rw' },
      { op: 'cpu_write', start: 0, count: 2, values: [1, 2] },
      { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 2 },
      { op: 'fork' },
      { op: 'cpu_write', start: 0, value: 7, pid: 2 },
      { op: 'cpu_read', start: 0, count: 2 },
    ],
  },
  notes: [
    {
      action: 3,
      fn: 'mmu_notifier_invalidate_range_start',
      text: 'fork write-protects the private pages, and that is a change to CPU entries: the mirror drops its writable translations first.',
    },
    {
      action: 3,
      fn: 'copy_page_range',
      text: 'Now pid 1 and pid 2 both hold read-only device-private entries to the same gpu0 frames.',
    },
    {
      action: 4,
      fn: 'do_swap_page',
      text: 'The child writes page 0. Its entry is device-private and read-only, so the CPU cannot write it in place: first migrate_to_ram brings the page home…',
    },
    {
      action: 4,
      fn: 'wp_page_copy',
      text: '…then the write-protect fault copies it: the child gets its own host frame, the parent keeps the original.',
    },
    {
      action: 5,
      text: "The parent reads 1 and 2: the child's write did not leak across the fork. Page 1, still on the GPU, comes home on this read.",
    },
  ],
};
