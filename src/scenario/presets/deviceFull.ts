import type { Preset } from './types.ts';

export const deviceFull: Preset = {
  id: 'device-full',
  title: 'Device memory full: partial migration',
  topic: 'Migrate',
  short: 'Device memory full',
  description:
    'gpu0 has four frames and is asked to take six pages. Migration is page by page and ' +
    'best effort: four move, two stay in RAM, and the driver reports ENOENT. After moving them ' +
    'back, fail_next_alloc shows a single allocation failure skipping just one page.',
  scenario: {
    format: 'hmm-lab/scenario@1',
    title: 'Device memory full: partial migration',
    config: { hostFrames: 16, devices: [{ name: 'gpu0', frames: 4 }] },
    actions: [
      { op: 'mmap', start: 0, count: 6, prot: 'rw' },
      { op: 'cpu_write', start: 0, count: 6, values: [0, 1, 2, 3, 4, 5] },
      { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 6 },
      { op: 'migrate_to_host', device: 'gpu0', start: 0, count: 6 },
      { op: 'fail_next_alloc', device: 'gpu0' },
      { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 3 },
    ],
  },
  notes: [
    {
      action: 2,
      fn: 'dmirror_devmem_alloc_page',
      text: 'The free list is empty for page 4: the driver cannot allocate, so it leaves the page out. The kernel restores its CPU entry in finalize; no error, just a page that did not move.',
    },
    {
      action: 2,
      fn: 'dmirror_do_read',
      text: 'Reading back, the driver stops at the first page not in its memory: cpages = 4 and the status is ENOENT, the way dmirror reports a partial migration.',
    },
    {
      action: 3,
      fn: 'page_free',
      text: 'migrate_to_host brings the four pages home; each device page is freed through page_free.',
    },
    {
      action: 5,
      fn: 'dmirror_devmem_alloc_page',
      text: 'fail_next_alloc made this one allocation fail: page 0 stays in RAM, pages 1 and 2 still move. cpages is 0 because the read-back stops at page 0.',
    },
  ],
};
