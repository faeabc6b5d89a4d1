import type { Preset } from './types.ts';

export const firstMigration: Preset = {
  id: 'first-migration',
  title: 'First migration to the GPU',
  topic: 'Migrate',
  short: 'First migration',
  description:
    'migrate_to_device moves four pages into gpu0 memory in the migrate_vma steps every ' +
    'migration takes: setup (collect, lock, unmap), driver copy, migrate_vma_pages, finalize. ' +
    'Two pages were never written: they need no source page and arrive zero-filled.',
  scenario: {
    format: 'hmm-lab/scenario@1',
    title: 'First migration to the GPU',
    config: { hostFrames: 16, devices: [{ name: 'gpu0', frames: 8 }] },
    actions: [
      { op: 'mmap', start: 0, count: 4, prot: 'rw' },
      { op: 'cpu_write', start: 0, count: 2, values: [10, 11] },
      { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 4 },
      { op: 'dev_read', device: 'gpu0', start: 0, count: 4 },
    ],
  },
  notes: [
    {
      action: 1,
      text: 'Only pages 0 and 1 get host frames: pages 2 and 3 stay untouched (none).',
    },
    {
      action: 2,
      fn: 'migrate_vma_setup',
      text: 'Collect: migrate_vma_setup selects all four pages. The untouched ones are migratable too, with no source page: the device will get a zero-filled page for them.',
    },
    {
      action: 2,
      fn: 'mmu_notifier_invalidate_range_start',
      text: 'MMU_NOTIFY_MIGRATE goes to every mirror. gpu0 started this migration (owner match), so it skips its own callback and its sequence does not move.',
    },
    {
      action: 2,
      fn: 'migrate_vma_pages',
      text: 'migrate_vma_pages is the point of no return: the new device pages take the place of the old host pages.',
    },
    {
      action: 2,
      fn: 'migrate_vma_finalize',
      text: 'finalize turns the CPU entries into device-private entries, unlocks the pages and frees the old host frames.',
    },
    {
      action: 3,
      text: 'The device reads its own pages with no fault at all (faults = 0): they are already in its page table. Pages 2 and 3 read 0.',
    },
  ],
};
