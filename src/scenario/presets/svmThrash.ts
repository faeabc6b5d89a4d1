// The svm driver (hmm-model-v2.md flows P, R): two migrate-on-fault GPUs thrash over one buffer.
import type { Preset } from './types.ts';

export const svmThrash: Preset = {
  id: 'svm-thrash',
  title: 'svm: two GPUs thrash over one buffer',
  topic: 'svm driver',
  short: 'svm: two GPUs thrash',
  description:
    'xe0 and xe1 both run the svm driver and take turns on the same 4 pages. Each fault pulls ' +
    'the range out of the other GPU: the pages travel to VRAM and back home, over and over.',
  scenario: {
    format: 'hmm-lab/scenario@2',
    title: 'svm: two GPUs thrash',
    config: {
      hostFrames: 32,
      devices: [
        { name: 'xe0', frames: 8, driver: 'svm', chunk: 4 },
        { name: 'xe1', frames: 8, driver: 'svm', chunk: 4 },
      ],
    },
    actions: [
      { op: 'mmap', start: 0, count: 4, prot: 'rw' },
      { op: 'dev_write', device: 'xe0', start: 0, count: 4, values: [1, 2, 3, 4] },
      { op: 'dev_read', device: 'xe1', start: 0, count: 4 },
      { op: 'dev_write', device: 'xe0', start: 0, count: 4, values: [5, 6, 7, 8] },
      { op: 'dev_read', device: 'xe1', start: 0, count: 4 },
    ],
  },
  notes: [
    {
      action: 1,
      fn: 'migrate_vma_finalize',
      text: 'xe0 writes pages 0–3: its fault migrates the whole range into xe0 chunk 1.',
    },
    {
      action: 2,
      fn: 'migrate_vma_setup',
      text: 'xe1 faults on page 0 and tries to migrate the range, but the pages sit in xe0’s private memory: it collects 0 of 4.',
    },
    {
      action: 2,
      fn: 'drm_pagemap_migrate_to_devmem',
      text: 'All or nothing: the migration to xe1 is aborted and its chunk released. xe1 falls back to mirroring.',
    },
    {
      action: 2,
      fn: 'drm_pagemap_migrate_to_ram',
      text: 'hmm_range_fault needs the pages, so xe0’s migrate_to_ram brings its whole chunk home: xe0 loses the buffer.',
    },
    {
      action: 2,
      fn: 'hmm_range_fault',
      text: 'That migration moved the notifier sequence, so hmm_range_fault returns -EBUSY and xe1 starts over.',
    },
    {
      action: 3,
      fn: 'xe_svm_invalidate',
      text: 'xe0 writes again and migrates the range back into its VRAM; the invalidation zaps xe1’s 4 GPU PTEs.',
    },
    {
      action: 4,
      fn: 'drm_pagemap_migrate_to_ram',
      text: 'xe1 reads again and the same round trip repeats. By the end pagesToDevice and pagesToHost are both 8, with 2 migrateToRam calls, for a 4-page buffer.',
    },
  ],
};
