// hmm-model-v2.md flows M–N: a maybe-DMA-pinned page is never collected for migration.
import type { Preset } from './types.ts';

export const pinNoMigrate: Preset = {
  id: 'pin-no-migrate',
  title: 'Why a pinned page does not migrate',
  topic: 'Pinning',
  short: 'pin: page stays put',
  description:
    'Page 1 is pinned (pin_user_pages, FOLL_LONGTERM) before four pages move to gpu0. Migration ' +
    'skips it: someone may be doing DMA to that frame. Once unpinned it migrates like the others.',
  scenario: {
    format: 'hmm-lab/scenario@2',
    title: 'Why a pinned page does not migrate',
    config: { hostFrames: 16, devices: [{ name: 'gpu0', frames: 8 }] },
    actions: [
      { op: 'mmap', start: 0, count: 4, prot: 'rw' },
      { op: 'cpu_write', start: 0, count: 4, values: [1, 2, 3, 4] },
      { op: 'pin', start: 1 },
      { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 4 },
      { op: 'unpin', pin: 1 },
      { op: 'migrate_to_device', device: 'gpu0', start: 1 },
    ],
  },
  notes: [
    {
      action: 2,
      fn: 'try_grab_folio',
      text: "try_grab_folio with FOLL_PIN raises page 1's pin count: its refcount grows by 1024 (GUP_PIN_COUNTING_BIAS).",
    },
    {
      action: 3,
      text: 'migrate_to_device over pages 0–3, one of them pinned.',
      quiz: {
        kind: 'migrated',
        why: 'folio_try_share_anon_rmap_pte refuses a folio that folio_maybe_dma_pinned(): it is not collected.',
      },
    },
    {
      action: 3,
      fn: 'dmirror_do_read',
      text: 'migrated = 3: page 1 stayed on the host, so the read-back finds no device copy of it and the action ends with ENOENT.',
    },
    {
      action: 4,
      fn: 'gup_put_folio',
      text: 'unpin_user_pages drops the pin: page 1 is an ordinary page again.',
    },
    {
      action: 5,
      text: 'Now page 1 migrates: migrated = 1, and all four pages are in gpu0.',
    },
  ],
};
