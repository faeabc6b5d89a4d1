import type { Preset } from './types.ts';

export const exclusiveAtomics: Preset = {
  id: 'exclusive-atomics',
  title: 'Exclusive access for atomics',
  topic: 'Exclusive',
  short: 'Exclusive access for atomics',
  description:
    'Some devices can only do atomics on memory no one else can touch at the same time. ' +
    'make_device_exclusive swaps the CPU entries for device-exclusive entries: the data stays ' +
    "in host RAM, but a CPU touch faults and revokes the device's atomic mapping first.",
  scenario: {
    format: 'hmm-lab/scenario@1',
    title: 'Exclusive access for atomics',
    config: { hostFrames: 16, devices: [{ name: 'gpu0', frames: 4 }] },
    actions: [
      { op: 'mmap', start: 0, count: 2, prot: 'rw' },
      { op: 'cpu_write', start: 0, count: 2, values: [1, 2] },
      { op: 'make_exclusive', device: 'gpu0', start: 0, count: 2 },
      { op: 'dev_write', device: 'gpu0', start: 0, value: 3 },
      { op: 'check_exclusive', device: 'gpu0', start: 0, count: 2 },
      { op: 'cpu_read', start: 0 },
      { op: 'check_exclusive', device: 'gpu0', start: 0 },
      { op: 'check_exclusive', device: 'gpu0', start: 0, count: 2 },
    ],
  },
  notes: [
    {
      action: 2,
      fn: 'make_device_exclusive',
      text: 'The CPU entry becomes device-exclusive: the page stays in its host frame, but the CPU can no longer use it without faulting.',
    },
    {
      action: 2,
      fn: 'dmirror_atomic_map',
      text: 'gpu0 maps the page writable with its atomic flag set: it may now do atomics on it.',
    },
    {
      action: 3,
      text: 'A device write through the atomic mapping needs no fault and keeps the exclusivity.',
    },
    {
      action: 4,
      text: 'check_exclusive says EPERM: some page of the range is still atomic-mapped.',
    },
    {
      action: 5,
      fn: 'remove_device_exclusive_entry',
      text: "The CPU read faults on the exclusive entry. The kernel restores the normal PTE and sends MMU_NOTIFY_EXCLUSIVE, which revokes gpu0's atomic mapping; the read then sees 3.",
    },
    {
      action: 6,
      text: 'Page 0 is no longer exclusive, so checking it alone succeeds; page 1 still is (next action: EPERM).',
    },
  ],
};
