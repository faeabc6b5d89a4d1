// The svm driver (hmm-model-v2.md flow Q): VRAM full, the least recently allocated chunk goes.
import type { Preset } from './types.ts';

export const svmVramFull: Preset = {
  id: 'svm-vram-full',
  title: 'svm: VRAM full — the oldest chunk is evicted',
  topic: 'svm driver',
  short: 'svm: VRAM full, LRU eviction',
  description:
    'xe0 has 8 frames: two 4-page chunks fill it. A GPU fault on pages 8–11 needs a third chunk, ' +
    'so TTM evicts the oldest one, pages 0–3, back to system memory.',
  scenario: {
    format: 'hmm-lab/scenario@2',
    title: 'svm: VRAM full, the oldest chunk goes',
    config: {
      hostFrames: 32,
      devices: [{ name: 'xe0', frames: 8, driver: 'svm', chunk: 4 }],
    },
    actions: [
      { op: 'mmap', start: 0, count: 12, prot: 'rw' },
      { op: 'cpu_write', start: 0, count: 12, values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] },
      { op: 'dev_read', device: 'xe0', start: 0, count: 8 },
      { op: 'dev_read', device: 'xe0', start: 8, count: 4 },
    ],
  },
  notes: [
    {
      action: 2,
      fn: 'xe_exec_ioctl',
      text: 'Two GPU faults fill xe0: chunk 1 (pages 0–3) then chunk 2 (pages 4–7). xe0 has 0 free frames; chunk 1 is at the head of the LRU.',
    },
    {
      action: 3,
      fn: 'ttm_bo_evict',
      text: 'VRAM full: the fault on page 8 needs 4 frames and xe0 has none, so the oldest chunk goes — chunk 1, pages 0–3.',
    },
    {
      action: 3,
      fn: 'migrate_device_unmap',
      text: 'The eviction works from device pfns: try_to_migrate turns the CPU entries of pages 0–3 into migration entries.',
    },
    {
      action: 3,
      fn: 'xe_svm_copy_to_ram',
      text: 'xe_svm_copy_to_ram copies the 4 pages of chunk 1 to host RAM in one batch.',
    },
    {
      action: 3,
      fn: 'xe_svm_devmem_release',
      text: 'Chunk 1 is released: its 4 frames are free again, so xe0 has 4 of 8 frames in use. The result counts pagesEvicted 4.',
    },
    {
      action: 3,
      fn: 'migrate_vma_finalize',
      text: 'Pages 8–11 move into chunk 3, on frames 0–3. The result lists xe0’s chunks oldest first: pages 4–7, then pages 8–11.',
    },
  ],
};
