import type { Preset } from './types.ts';

export const pingPong: Preset = {
  id: 'ping-pong',
  title: 'Ping-pong thrashing',
  topic: 'Fault back',
  short: 'Ping-pong thrashing',
  description:
    'The GPU pulls two pages over and the CPU touches them right away, three times in a row. ' +
    'Every round trip costs two migrations per page, a CPU fault and a page_free; the counters ' +
    'climb while no useful work is done. Real drivers add hysteresis to avoid this.',
  scenario: {
    format: 'hmm-lab/scenario@1',
    title: 'Ping-pong thrashing',
    config: { hostFrames: 16, devices: [{ name: 'gpu0', frames: 4 }] },
    actions: [
      { op: 'mmap', start: 0, count: 2, prot: 'rw' },
      { op: 'cpu_write', start: 0, count: 2, values: [1, 2] },
      { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 2 },
      { op: 'cpu_write', start: 0, count: 2, values: [3, 4] },
      { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 2 },
      { op: 'cpu_write', start: 0, count: 2, values: [5, 6] },
      { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 2 },
      { op: 'cpu_read', start: 0, count: 2 },
    ],
  },
  notes: [
    {
      action: 3,
      fn: 'migrate_to_ram',
      text: 'Each CPU write finds a device-private entry and calls the driver back: the page migrates home before the write can happen.',
    },
    {
      action: 4,
      text: 'And back it goes. Watch pagesToDevice and pagesToHost in the counters: they rise together.',
    },
    {
      action: 7,
      text: 'Even a read pulls the pages home. After three rounds: 6 pages to the device, 6 back, 6 page_free calls, for 2 pages of data.',
    },
  ],
};
