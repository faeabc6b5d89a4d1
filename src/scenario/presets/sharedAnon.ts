import type { Preset } from './types.ts';

export const sharedAnon: Preset = {
  id: 'shared-anon',
  title: 'Shared anonymous memory cannot migrate',
  topic: 'Migrate',
  short: 'Shared memory stays home',
  description:
    'migrate_vma_setup only selects private anonymous pages. Pages of a MAP_SHARED mapping ' +
    'are shmem: other processes may map them, so they stay in RAM. The device can still use ' +
    'them in place through its mirror.',
  scenario: {
    format: 'hmm-lab/scenario@1',
    title: 'Shared anonymous memory cannot migrate',
    config: { hostFrames: 16, devices: [{ name: 'gpu0', frames: 8 }] },
    actions: [
      { op: 'mmap', start: 0, count: 2, prot: 'rw', shared: true },
      { op: 'mmap', start: 2, count: 2, prot: 'rw' },
      { op: 'cpu_write', start: 0, count: 4, values: [1, 2, 3, 4] },
      { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 2 },
      { op: 'migrate_to_device', device: 'gpu0', start: 2, count: 2 },
      { op: 'dev_read', device: 'gpu0', start: 0, count: 4 },
    ],
  },
  notes: [
    {
      action: 2,
      fn: 'shmem_fault',
      text: 'In the shared mapping a fault goes to shmem_fault: the page belongs to a shared memory object, not only to this process.',
    },
    {
      action: 3,
      fn: 'migrate_vma_setup',
      text: 'migrate_vma_setup collects nothing: shared pages are not selected. No page moves, and the read-back reports ENOENT with cpages = 0.',
    },
    {
      action: 4,
      text: 'The same request on the private mapping moves both pages.',
    },
    {
      action: 5,
      text: 'The device reads all four pages: the shared ones through its mirror of host RAM, the private ones from its own memory.',
    },
  ],
};
