import type { Preset } from './types.ts';

export const mirrorFault: Preset = {
  id: 'mirror-fault',
  title: 'The mirror fills through hmm_range_fault',
  topic: 'Mirror',
  short: 'hmm_range_fault fills the mirror',
  description:
    'Without migrating anything, the device reads and writes process memory through its own ' +
    'page table. At the first page it lacks it takes a device fault: hmm_range_fault faults ' +
    'the pages in as a CPU would and returns their pfns, and the driver mirrors them.',
  scenario: {
    format: 'hmm-lab/scenario@1',
    title: 'The mirror fills through hmm_range_fault',
    config: { hostFrames: 16, devices: [{ name: 'gpu0', frames: 8 }] },
    actions: [
      { op: 'mmap', start: 0, count: 6, prot: 'rw' },
      { op: 'cpu_write', start: 0, count: 3, values: [1, 2, 3] },
      { op: 'dev_read', device: 'gpu0', start: 0, count: 6 },
      { op: 'dev_write', device: 'gpu0', start: 4, value: 99 },
      { op: 'dev_read', device: 'gpu0', start: 0, count: 6 },
    ],
  },
  notes: [
    {
      action: 2,
      fn: 'mmu_interval_read_begin',
      text: 'The device page table is empty, so the read faults. The driver first notes its notifier sequence: it will check it again before trusting what hmm_range_fault returns.',
    },
    {
      action: 2,
      fn: 'hmm_vma_fault',
      text: 'Pages 3–5 were never touched. A read fault maps them to the shared zero page, as a CPU read would.',
    },
    {
      action: 2,
      fn: 'dmirror_do_fault',
      text: 'The sequence did not move, so the driver fills its page table: pages 0–2 point at host frames, pages 3–5 at the zero page, all read-only where the CPU entry is.',
    },
    {
      action: 3,
      fn: 'wp_page_copy',
      text: 'Writing page 4 breaks copy-on-write of the zero page (wp_page_copy). That changes a CPU entry, so MMU_NOTIFY_CLEAR goes to the mirror: the fault in flight sees its sequence move and retries.',
    },
    {
      action: 4,
      text: 'Everything is mirrored now: the second read takes no fault (faults = 0) and sees 99 in page 4.',
    },
  ],
};
