import type { Preset } from './types.ts';

export const forkShared: Preset = {
  id: 'fork-shared',
  title: 'fork keeps shared memory shared',
  topic: 'Fork',
  short: 'fork keeps shared memory shared',
  description:
    'MAP_SHARED anonymous memory is a shmem object. After fork, parent and child map the same ' +
    "pages, even ones neither had touched: a page lives in the object's page cache, and a write " +
    'by either process, or by a device working for either, is seen by both. A private page is ' +
    'copied on the first write instead.',
  scenario: {
    format: 'hmm-lab/scenario@1',
    title: 'fork keeps shared memory shared',
    config: { hostFrames: 16, devices: [{ name: 'gpu0', frames: 4 }] },
    actions: [
      { op: 'mmap', start: 0, count: 3, prot: 'rw', shared: true },
      { op: 'mmap', start: 3, count: 1, prot: 'rw' },
      { op: 'cpu_write', start: 0, value: 1 },
      { op: 'cpu_write', start: 3, value: 4 },
      { op: 'fork' },
      { op: 'cpu_write', pid: 2, start: 2, value: 30 },
      { op: 'cpu_write', pid: 2, start: 3, value: 40 },
      { op: 'cpu_read', start: 2, count: 2 },
      { op: 'dev_write', device: 'gpu0', pid: 2, start: 0, value: 100 },
      { op: 'cpu_read', start: 0 },
    ],
  },
  notes: [
    {
      action: 0,
      text: 'Pages 0–2 are MAP_SHARED|MAP_ANONYMOUS: the kernel backs them with a shmem object, the kind of object a tmpfs file is. Page 3 comes next as ordinary private memory.',
    },
    {
      action: 4,
      fn: 'copy_page_range',
      text: 'Only private page 3 is write-protected for copy-on-write. Shared page 0 stays writable in both processes: it is one page of one object, not two copies.',
    },
    {
      action: 5,
      fn: 'shmem_fault',
      text: "The child is the first to touch page 2. The new page goes into the shmem object's page cache, not into pid 2: every process that maps the object will find it there.",
    },
    {
      action: 6,
      fn: 'wp_page_copy',
      text: 'Page 3 is private: the write copies it for the child, and the parent keeps 4.',
    },
    {
      action: 7,
      fn: 'shmem_fault',
      text: "The parent never touched page 2, yet it will read 30: its fault finds the child's page in the page cache and maps that same frame.",
    },
    {
      action: 8,
      fn: 'dmirror_do_fault',
      text: "gpu0 works for pid 2 here. hmm_range_fault hands it pid 2's entry for page 0, which is the very host frame pid 1 maps.",
    },
    {
      action: 9,
      text: 'The parent reads 100, which gpu0 wrote for the child. Shared memory is shared with devices too; it only cannot migrate to them (see “Shared anonymous memory cannot migrate”).',
    },
  ],
};
