// Same scenario as shared/examples/cpu-touch-brings-page-home.json; its description lives in
// the preset, not the scenario, to keep the share link short.
import type { Preset } from './types.ts';

export const cpuTouch: Preset = {
  id: 'cpu-touch',
  title: 'CPU touch brings a page home',
  topic: 'Fault back',
  short: 'CPU touch brings it home',
  description:
    'Eight pages move to gpu0. The CPU then reads page 3: the fault finds a device-private entry, ' +
    "the driver's migrate_to_ram moves the page back, and page_free returns the device frame.",
  scenario: {
    format: 'hmm-lab/scenario@1',
    title: 'CPU touch brings a page home',
    config: { hostFrames: 32, devices: [{ name: 'gpu0', frames: 16 }] },
    actions: [
      { op: 'mmap', start: 0, count: 8, prot: 'rw' },
      { op: 'cpu_write', start: 0, count: 8, values: [0, 1, 2, 3, 4, 5, 6, 7] },
      { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 8 },
      { op: 'cpu_read', start: 3 },
    ],
  },
  notes: [
    {
      action: 3,
      text: 'The CPU reads page 3, which lives in gpu0 memory.',
      quiz: {
        kind: 'where',
        why: 'A CPU cannot load from device-private memory: the fault migrates the page home first.',
      },
    },
    {
      action: 1,
      text: 'The CPU writes fault in eight host frames: ordinary anonymous memory, nothing device-specific yet.',
    },
    {
      action: 2,
      fn: 'migrate_vma_setup',
      text: 'migrate_vma_setup collects the eight present pages, locks them and replaces their CPU PTEs with migration entries.',
    },
    {
      action: 2,
      fn: 'migrate_vma_finalize',
      text: 'After migrate_vma_finalize the CPU PTEs are device-private entries: non-present, pointing at gpu0 frames. The host frames are freed.',
    },
    {
      action: 3,
      fn: 'do_swap_page',
      text: 'The CPU load of page 3 faults. do_swap_page sees a device-private entry and calls the owner pgmap->ops->migrate_to_ram: contract 1, the driver is called back.',
    },
    {
      action: 3,
      fn: 'page_free',
      text: 'The device page lost its last reference, so the kernel calls page_free: the driver clears zone_device_data and puts the frame back on its free list (contract 3).',
    },
  ],
};
