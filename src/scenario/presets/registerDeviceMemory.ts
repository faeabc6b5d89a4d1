import type { Preset } from './types.ts';

export const registerDeviceMemory: Preset = {
  id: 'register',
  title: 'Registering device memory',
  topic: 'Register',
  short: 'Register device memory',
  description:
    'Before any page can move, the driver registers its memory: memremap_pages (what ' +
    'devm_memremap_pages wraps) gives every device frame a struct page in ZONE_DEVICE. Two ' +
    "pages then migrate, and the driver records its own data in each page's zone_device_data.",
  scenario: {
    format: 'hmm-lab/scenario@1',
    title: 'Registering device memory',
    config: { hostFrames: 16, devices: [{ name: 'gpu0', frames: 4 }] },
    actions: [
      { op: 'mmap', start: 0, count: 2, prot: 'rw' },
      { op: 'cpu_write', start: 0, count: 2, values: [7, 8] },
      { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 2 },
    ],
  },
  notes: [
    {
      action: -1,
      fn: 'memremap_pages',
      text: 'memremap_pages creates a struct page for each of the 4 device frames, in ZONE_DEVICE, inside a dev_pagemap of type MEMORY_DEVICE_PRIVATE. The CPU can never map these frames; the struct pages exist so the kernel can track and migrate them like ordinary pages.',
    },
    {
      action: -1,
      fn: 'dmirror_allocate_chunk',
      text: 'The driver keeps its own free list of device frames. The kernel does not allocate device memory: the driver hands out frames and gets them back through page_free.',
    },
    {
      action: -1,
      fn: 'mmu_interval_notifier_insert',
      text: 'The mirror registers an mmu_interval_notifier: from now on the kernel calls the driver before it changes any CPU page-table entry of this process.',
    },
    {
      action: 2,
      fn: 'dmirror_migrate_alloc_and_copy',
      text: 'Watch the GPU frame: the driver takes it off its free list and fills zone_device_data, the 64 bits of struct page that belong to the driver (dmirror stores its mirror there). Every allocated device page shows it.',
    },
    {
      action: 2,
      fn: 'migrate_vma_finalize',
      text: 'The CPU entries are now device-private: non-present, pointing at the device frames. The host frames are free again.',
    },
  ],
};
