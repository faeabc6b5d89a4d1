// hmm-model-v2.md flow L.7 (selftest hmm_cow_in_device).
import type { Preset } from './types.ts';

export const coherentFork: Preset = {
  id: 'coherent-fork',
  title: 'Fork copies straight from device memory',
  topic: 'Coherent memory',
  short: 'coherent: fork copies',
  description:
    'A coherent page is an ordinary anonymous page to fork: parent and child share the gpu0 frame, ' +
    'write-protected. The child’s write copies it into a host page directly from device memory.',
  scenario: {
    format: 'hmm-lab/scenario@2',
    title: 'Fork copies straight from device memory',
    config: { hostFrames: 16, devices: [{ name: 'gpu0', frames: 8, memory: 'coherent' }] },
    actions: [
      { op: 'mmap', start: 0, count: 2, prot: 'rw' },
      { op: 'cpu_write', start: 0, count: 2, values: [1, 2] },
      { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 2 },
      { op: 'fork' },
      { op: 'cpu_write', pid: 2, start: 0, values: [9] },
      { op: 'cpu_write', start: 0, values: [3] },
    ],
  },
  notes: [
    {
      action: 3,
      fn: 'copy_page_range',
      text: 'copy_page_range gives pid 2 present PTEs to the same gpu0 frames and write-protects both processes (COW).',
    },
    {
      action: 4,
      text: 'pid 2 writes 9 to page 0: a write-protect fault on a shared page.',
      quiz: {
        kind: 'where',
        why: 'A COW break needs a private copy, and a coherent frame can be read by the CPU directly.',
      },
    },
    {
      action: 4,
      fn: 'wp_page_copy',
      text: 'wp_page_copy allocates a host page and copies the data directly from the gpu0 frame: no migrate_to_ram.',
    },
    {
      action: 5,
      fn: 'wp_page_reuse',
      text: 'pid 1 is now the only mapper of gpu0 frame 0, so its write reuses the frame in place: the page stays in gpu0.',
    },
  ],
};
