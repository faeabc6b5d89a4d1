// The svm driver (hmm-model-v2.md flow P): a GPU fault migrates a whole range, not one page.
import type { Preset } from './types.ts';

export const svmFaultRange: Preset = {
  id: 'svm-fault-range',
  title: 'svm: a GPU fault migrates a whole range',
  topic: 'svm driver',
  short: 'svm: GPU fault moves a range',
  description:
    'xe0 runs the svm driver (Intel xe, amdgpu): it migrates on GPU fault. Reading one page ' +
    'moves its whole 4-page range into a VRAM chunk; a read of all eight pages faults once more.',
  scenario: {
    format: 'hmm-lab/scenario@2',
    title: 'svm: a GPU fault migrates a range',
    config: {
      hostFrames: 32,
      devices: [{ name: 'xe0', frames: 16, driver: 'svm', chunk: 4 }],
    },
    actions: [
      { op: 'mmap', start: 0, count: 8, prot: 'rw' },
      { op: 'cpu_write', start: 0, count: 8, values: [0, 1, 2, 3, 4, 5, 6, 7] },
      { op: 'dev_read', device: 'xe0', start: 1, count: 1 },
      { op: 'dev_read', device: 'xe0', start: 0, count: 8 },
    ],
  },
  notes: [
    {
      action: 2,
      text: 'xe0 reads page 1, which is in host RAM.',
      quiz: {
        kind: 'where',
        why: 'A dmirror device would only mirror the page; an svm driver migrates the range on GPU fault.',
      },
    },
    {
      action: 2,
      fn: 'xe_svm_handle_pagefault',
      text: 'xe0 reads only page 1 and takes a GPU page fault there. No migrate_to_device was asked for: an svm driver decides to migrate by itself.',
    },
    {
      action: 2,
      fn: 'drm_gpusvm_range_chunk_size',
      text: 'drm_gpusvm_range_chunk_size picks the largest aligned block (chunk 4) that fits in the VMA: the range is pages 0–3, not just page 1.',
    },
    {
      action: 2,
      fn: 'xe_bo_create_locked',
      text: 'TTM allocates chunk 1, xe0 frames 0–3, and puts it at the tail of the LRU.',
    },
    {
      action: 2,
      fn: 'migrate_vma_finalize',
      text: 'All four pages of the range now live in chunk 1: one movement of four pages for a one-page read.',
    },
    {
      action: 2,
      fn: 'xe_vm_range_rebind',
      text: 'xe_vm_range_rebind maps every page of the range in the GPU page table at once: a range is mapped whole or not at all.',
    },
    {
      action: 3,
      fn: 'xe_exec_ioctl',
      text: 'Reading all eight pages, xe0 finds pages 0–3 mapped and faults only at page 4. The counters end at deviceFaults 2 and pagesToDevice 8.',
    },
    {
      action: 3,
      fn: 'xe_bo_create_locked',
      text: 'The second fault allocates chunk 2 (frames 4–7) for pages 4–7; xe0 keeps 8 of its 16 frames free.',
    },
  ],
};
