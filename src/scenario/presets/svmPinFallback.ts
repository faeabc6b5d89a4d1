// The svm driver (hmm-model-v2.md flow P.3b): one pinned page aborts the whole range's migration.
import type { Preset } from './types.ts';

export const svmPinFallback: Preset = {
  id: 'svm-pin-fallback',
  title: 'svm: a pinned page keeps the range in system memory',
  topic: 'svm driver',
  short: 'svm: pinned page stays in RAM',
  description:
    'Page 2 is pinned (as RDMA would). A GPU fault on xe0 (svm driver) tries to migrate pages 0–3; ' +
    'the pinned page cannot move, so nothing moves and xe0 maps all four pages in system memory.',
  scenario: {
    format: 'hmm-lab/scenario@2',
    title: 'svm: a pinned page, the range falls back',
    config: {
      hostFrames: 32,
      devices: [{ name: 'xe0', frames: 16, driver: 'svm', chunk: 4 }],
    },
    actions: [
      { op: 'mmap', start: 0, count: 4, prot: 'rw' },
      { op: 'cpu_write', start: 0, count: 4, values: [0, 1, 2, 3] },
      { op: 'pin', start: 2, count: 1 },
      { op: 'dev_read', device: 'xe0', start: 0, count: 4 },
    ],
  },
  notes: [
    {
      action: 3,
      text: 'xe0 reads pages 0–3 while page 2 is pinned.',
      quiz: {
        kind: 'where',
        why: 'An svm migration is all or nothing: one page that cannot move keeps the whole range in system memory.',
      },
    },
    {
      action: 2,
      fn: 'try_grab_folio',
      text: 'A long-term pin on page 2: host frame 2 now has pin count 1 and must not move.',
    },
    {
      action: 3,
      fn: 'xe_bo_create_locked',
      text: 'xe0 faults on page 0 and allocates chunk 1 for the range, pages 0–3.',
    },
    {
      action: 3,
      fn: 'migrate_vma_setup',
      text: 'migrate_vma_setup collects 3 of the 4 pages: the pinned page 2 cannot be selected.',
    },
    {
      action: 3,
      fn: 'drm_pagemap_migrate_to_devmem',
      text: 'All or nothing: cpages 3 ≠ 4, so the whole migration is aborted and every PTE restored.',
    },
    {
      action: 3,
      fn: 'xe_svm_devmem_release',
      text: 'Chunk 1 is released without ever holding a page: xe0 has all 16 frames free.',
    },
    {
      action: 3,
      fn: 'xe_vm_range_rebind',
      text: 'xe0 binds all four pages where they are, in system memory. pagesToDevice stays 0.',
    },
  ],
};
