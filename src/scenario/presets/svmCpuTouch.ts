// The svm driver (hmm-model-v2.md flow R): a CPU touch brings the whole chunk home.
import type { Preset } from './types.ts';

export const svmCpuTouch: Preset = {
  id: 'svm-cpu-touch',
  title: 'svm: a CPU touch brings the whole chunk home',
  topic: 'svm driver',
  short: 'svm: CPU touch brings the chunk',
  description:
    'xe0 (svm driver) pulls eight pages into two 4-page chunks. The CPU then reads page 5: ' +
    "drm_pagemap_migrate_to_ram moves all of chunk 2 home, where dmirror's migrate_to_ram moves one page.",
  scenario: {
    format: 'hmm-lab/scenario@2',
    title: 'svm: CPU touch brings a chunk home',
    config: {
      hostFrames: 32,
      devices: [{ name: 'xe0', frames: 16, driver: 'svm', chunk: 4 }],
    },
    actions: [
      { op: 'mmap', start: 0, count: 8, prot: 'rw' },
      { op: 'cpu_write', start: 0, count: 8, values: [0, 1, 2, 3, 4, 5, 6, 7] },
      { op: 'dev_read', device: 'xe0', start: 0, count: 8 },
      { op: 'cpu_read', start: 5 },
    ],
  },
  notes: [
    {
      action: 2,
      fn: 'migrate_vma_finalize',
      text: 'Two GPU faults put pages 0–3 in chunk 1 and pages 4–7 in chunk 2.',
    },
    {
      action: 3,
      text: 'The CPU reads page 5, which lives in chunk 2 of xe0.',
      quiz: {
        kind: 'where',
        why: 'A CPU cannot load from device-private memory; an svm driver then moves the whole chunk holding the page.',
      },
    },
    {
      action: 3,
      fn: 'do_swap_page',
      text: 'do_swap_page finds a device-private entry and calls the page owner’s migrate_to_ram, as with dmirror.',
    },
    {
      action: 3,
      fn: 'drm_pagemap_migrate_to_ram',
      text: 'drm_pagemap_migrate_to_ram brings home chunk 2 in its entirety: pages 4–7, not just page 5.',
    },
    {
      action: 3,
      fn: 'xe_svm_invalidate',
      text: 'xe0 does not skip its own MMU_NOTIFY_MIGRATE: it zaps the 4 GPU PTEs of the range it had mapped.',
    },
    {
      action: 3,
      fn: 'xe_svm_devmem_release',
      text: 'The last page of chunk 2 left VRAM, so its 4 frames go back to TTM. Chunk 1 (pages 0–3) stays: xe0 has 12 free frames, and migrateToRam counts 1 call for 4 pages.',
    },
  ],
};
