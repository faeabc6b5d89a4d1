import type { Preset } from './types.ts';

export const invalidationRetry: Preset = {
  id: 'invalidation-retry',
  title: 'The invalidation race and retry',
  topic: 'Invalidate',
  short: 'Invalidation race and retry',
  description:
    'hmm_range_fault takes no lock that keeps the CPU page table still. Here the CPU writes ' +
    'page 0 right after hmm_range_fault returned: the write replaces the zero page, the ' +
    'notifier bumps the sequence, mmu_interval_read_retry notices, and the driver starts over.',
  scenario: {
    format: 'hmm-lab/scenario@1',
    title: 'The invalidation race and retry',
    config: { hostFrames: 16, devices: [{ name: 'gpu0', frames: 8 }] },
    actions: [
      { op: 'mmap', start: 0, count: 4, prot: 'rw' },
      {
        op: 'dev_read',
        device: 'gpu0',
        start: 0,
        count: 4,
        interleave: { op: 'cpu_write', start: 0, value: 42 },
      },
    ],
  },
  notes: [
    {
      action: 1,
      fn: 'mmu_interval_read_begin',
      text: 'The driver notes its notifier sequence before walking the CPU page table.',
    },
    {
      action: 1,
      fn: 'hmm_range_fault',
      text: 'hmm_range_fault returns: all four pages map the zero page. The driver holds pfns now, but nothing stops the CPU page table from changing before it takes its lock.',
    },
    {
      action: 1,
      fn: 'wp_page_copy',
      text: 'The interleaved CPU write lands in that window. It replaces the zero page with a new page (copy-on-write), and the notifier tells gpu0: its sequence moves.',
    },
    {
      action: 1,
      fn: 'mmu_interval_read_retry',
      text: 'Under its lock the driver compares sequences: they differ, so the pfns it holds may be stale. It throws them away and starts again from mmu_interval_read_begin.',
    },
    {
      action: 1,
      fn: 'dmirror_do_fault',
      text: 'Only the retry, whose sequence held, fills the device page table: page 0 now points at the new page and the device reads 42. Without the sequence check it would have mapped the zero page and missed the write.',
    },
  ],
};
