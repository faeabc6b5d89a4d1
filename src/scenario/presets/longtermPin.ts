// hmm-model-v2.md flow M.2: folio_is_longterm_pinnable() is false for coherent memory.
import type { Preset } from './types.ts';

export const longtermPin: Preset = {
  id: 'longterm-pin',
  title: 'A long-term pin moves coherent memory home first',
  topic: 'Pinning',
  short: 'pin: long-term moves home',
  description:
    'Four pages live in coherent gpu0 memory. A short-term pin leaves pages 0–1 there; a ' +
    'FOLL_LONGTERM pin of pages 2–3 first migrates them to host frames, since device memory must stay evictable.',
  scenario: {
    format: 'hmm-lab/scenario@2',
    title: 'A long-term pin moves coherent memory home first',
    config: { hostFrames: 16, devices: [{ name: 'gpu0', frames: 8, memory: 'coherent' }] },
    actions: [
      { op: 'mmap', start: 0, count: 4, prot: 'rw' },
      { op: 'cpu_write', start: 0, count: 4, values: [1, 2, 3, 4] },
      { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 4 },
      { op: 'pin', start: 0, count: 2, longterm: false },
      { op: 'pin', start: 2, count: 2 },
    ],
  },
  notes: [
    {
      action: 3,
      text: 'pin without FOLL_LONGTERM: pages 0–1 are pinned where they are, in gpu0 frames 0 and 1.',
    },
    {
      action: 4,
      text: 'pin pages 2–3 with FOLL_LONGTERM.',
      quiz: {
        kind: 'where',
        why: 'A long-term pin could block eviction forever; coherent device memory must always allow it.',
      },
    },
    {
      action: 4,
      fn: 'collect_longterm_unpinnable_folios',
      text: 'collect_longterm_unpinnable_folios finds pages 2–3 in coherent memory: folio_is_longterm_pinnable() is false.',
    },
    {
      action: 4,
      fn: 'migrate_device_coherent_folio',
      text: 'migrate_device_coherent_folio moves each page to a new host frame; page_free returns the gpu0 frames.',
    },
    {
      action: 4,
      fn: 'migrate_longterm_unpinnable_folios',
      text: 'The first pass returns -EAGAIN; the second pins pages 2–3 in host memory. pinMigrations = 2.',
    },
  ],
};
