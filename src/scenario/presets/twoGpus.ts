import type { Preset } from './types.ts';

export const twoGpus: Preset = {
  id: 'two-gpus',
  title: 'Two GPUs and a remote fault-back',
  topic: 'Multi-GPU',
  short: 'Two GPUs, remote fault-back',
  description:
    'Both GPUs mirror the same pages. gpu1 then migrates them into its own memory, which ' +
    "invalidates gpu0's mirror; gpu0's next read finds gpu1's private pages and faults them " +
    "back to host RAM through gpu1's migrate_to_ram.",
  scenario: {
    format: 'hmm-lab/scenario@1',
    title: 'Two GPUs mirror one address space',
    config: {
      hostFrames: 32,
      devices: [
        { name: 'gpu0', frames: 8 },
        { name: 'gpu1', frames: 8 },
      ],
    },
    actions: [
      { op: 'mmap', start: 0, count: 4, prot: 'rw' },
      { op: 'cpu_write', start: 0, count: 4, values: [10, 11, 12, 13] },
      { op: 'dev_read', device: 'gpu0', start: 0, count: 4 },
      { op: 'dev_read', device: 'gpu1', start: 0, count: 4 },
      { op: 'migrate_to_device', device: 'gpu1', start: 0, count: 4 },
      { op: 'dev_read', device: 'gpu0', start: 0, count: 4 },
    ],
  },
  notes: [
    {
      action: 3,
      text: 'Both device page tables now point at the same four host frames: two mirrors of one address space.',
    },
    {
      action: 4,
      fn: 'dmirror_interval_invalidate',
      text: 'gpu1 migrates the pages. The MMU_NOTIFY_MIGRATE it triggers reaches gpu0, which zaps its entries and bumps its sequence; gpu1 skips its own callback (owner match).',
    },
    {
      action: 5,
      fn: 'do_swap_page',
      text: "gpu0's fault meets a page in gpu1's private memory. gpu0 cannot address gpu1's memory, so hmm_range_fault faults the page back to RAM through gpu1's migrate_to_ram.",
    },
    {
      action: 5,
      fn: 'page_free',
      text: "Each page coming home frees a gpu1 frame through page_free: gpu1's data went back to RAM because another device needed it.",
    },
    {
      action: 5,
      fn: 'hmm_range_fault',
      text: "Those migrations were invalidations inside gpu0's own fault: its sequence moved, so hmm_range_fault returns EBUSY and gpu0 retries (rangeFaultRetries).",
    },
  ],
};
