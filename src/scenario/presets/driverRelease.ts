import type { Preset } from './types.ts';

export const driverRelease: Preset = {
  id: 'driver-release',
  title: 'Driver release evicts everything',
  topic: 'Fault back',
  short: 'Driver release evicts',
  description:
    'When a driver must give its memory up (unbind, reset, or the RELEASE ioctl of dmirror) ' +
    'it evicts every page with migrate_device_range: no CPU fault is involved, the driver ' +
    'pulls each page home itself, and every frame returns to the free list through page_free.',
  scenario: {
    format: 'hmm-lab/scenario@1',
    title: 'Driver release evicts everything',
    config: { hostFrames: 16, devices: [{ name: 'gpu0', frames: 8 }] },
    actions: [
      { op: 'mmap', start: 0, count: 4, prot: 'rw' },
      { op: 'cpu_write', start: 0, count: 4, values: [1, 2, 3, 4] },
      { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 4 },
      { op: 'release', device: 'gpu0' },
      { op: 'cpu_read', start: 0, count: 4 },
    ],
  },
  notes: [
    {
      action: 3,
      fn: 'migrate_device_range',
      text: 'migrate_device_range works from device pfns, not virtual addresses: the driver knows its frames, not which process maps them.',
    },
    {
      action: 3,
      fn: 'copy_highpage',
      text: 'Each page is copied back into a fresh host frame. The data is never lost, only moved.',
    },
    {
      action: 3,
      fn: 'page_free',
      text: 'Every device frame comes back through page_free: afterwards gpu0 holds no page at all.',
    },
    {
      action: 4,
      text: 'The CPU reads all four values without a single fault to the device: the pages are ordinary host pages again.',
    },
  ],
};
