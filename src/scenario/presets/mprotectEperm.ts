import type { Preset } from './types.ts';

export const mprotectEperm: Preset = {
  id: 'mprotect-eperm',
  title: 'mprotect makes a device write fail',
  topic: 'Invalidate',
  short: 'mprotect: device write fails',
  description:
    'The device has write access to four pages through its mirror. mprotect makes them ' +
    'read-only: MMU_NOTIFY_PROTECTION_VMA zaps the mirror, the next device write faults and ' +
    'fails with EPERM, while reads still work. The CPU write gets EFAULT (SIGSEGV).',
  scenario: {
    format: 'hmm-lab/scenario@1',
    title: 'mprotect makes a device write fail',
    config: { hostFrames: 16, devices: [{ name: 'gpu0', frames: 8 }] },
    actions: [
      { op: 'mmap', start: 0, count: 4, prot: 'rw' },
      { op: 'dev_write', device: 'gpu0', start: 0, count: 4, values: [1, 2, 3, 4] },
      { op: 'mprotect', start: 0, count: 4, prot: 'r' },
      { op: 'dev_write', device: 'gpu0', start: 1, value: 20 },
      { op: 'dev_read', device: 'gpu0', start: 0, count: 4 },
      { op: 'cpu_write', start: 0, value: 9 },
    ],
  },
  notes: [
    {
      action: 1,
      fn: 'dmirror_do_fault',
      text: 'A write fault asks hmm_range_fault for writable pages (HMM_PFN_REQ_WRITE), so the device entries are writable.',
    },
    {
      action: 2,
      fn: 'dmirror_interval_invalidate',
      text: 'Before the protection changes, MMU_NOTIFY_PROTECTION_VMA reaches gpu0: it zaps its four writable entries. Keeping them would let the device write memory the process may no longer write.',
    },
    {
      action: 3,
      fn: 'hmm_vma_fault',
      text: 'The device write faults, and hmm_range_fault refuses to fault a page writable in a read-only VMA: EPERM, nothing written.',
    },
    {
      action: 4,
      text: 'Reading is still allowed: the mirror fills again, read-only this time.',
    },
    {
      action: 5,
      text: 'The CPU is held to the same rule: its write to a read-only VMA is EFAULT, the SIGSEGV a process would get.',
    },
  ],
};
