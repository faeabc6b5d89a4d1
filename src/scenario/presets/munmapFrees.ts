import type { Preset } from './types.ts';

export const munmapFrees: Preset = {
  id: 'munmap-frees',
  title: 'munmap frees device pages',
  topic: 'Invalidate',
  short: 'munmap frees device pages',
  description:
    'Four pages live in gpu0 memory when the process unmaps them. The notifier tells the ' +
    'driver to drop its translations (MMU_NOTIFY_UNMAP), the CPU entries go, and as each ' +
    'device page loses its last reference the kernel calls pgmap->ops->page_free (contract 3).',
  scenario: {
    format: 'hmm-lab/scenario@1',
    title: 'munmap frees device pages',
    config: { hostFrames: 16, devices: [{ name: 'gpu0', frames: 8 }] },
    actions: [
      { op: 'mmap', start: 0, count: 4, prot: 'rw' },
      { op: 'cpu_write', start: 0, count: 4, value: 5 },
      { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 4 },
      { op: 'munmap', start: 0, count: 4 },
    ],
  },
  notes: [
    {
      action: 2,
      text: 'After the migration gpu0 has 4 of its 8 frames in use, each with zone_device_data set.',
    },
    {
      action: 3,
      fn: 'mmu_notifier_invalidate_range_start',
      text: 'munmap first calls the notifiers with MMU_NOTIFY_UNMAP: every mirror must forget the range before the CPU page table changes, or a device could keep using a stale translation.',
    },
    {
      action: 3,
      fn: 'zap_pte_range',
      text: 'zap_pte_range clears the CPU entries. For a device-private entry that drops the last reference to the device page.',
    },
    {
      action: 3,
      fn: 'page_free',
      text: 'Contract 3: the kernel calls pgmap->ops->page_free. The driver clears zone_device_data and puts the frame back on its free list. No data moves: the memory is simply gone.',
    },
  ],
};
