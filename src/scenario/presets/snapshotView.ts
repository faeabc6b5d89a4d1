import type { Preset } from './types.ts';

export const snapshotView: Preset = {
  id: 'snapshot',
  title: 'What the device sees: snapshot',
  topic: 'Mirror',
  short: 'Snapshot: what the device sees',
  description:
    'hmm_range_fault without HMM_PFN_REQ_FAULT faults nothing: it only reports what the CPU ' +
    "page table holds, page by page, from this device's point of view. dmirror's SNAPSHOT " +
    'shows six pages in six different states.',
  scenario: {
    format: 'hmm-lab/scenario@1',
    title: 'What the device sees: snapshot',
    config: {
      hostFrames: 16,
      devices: [
        { name: 'gpu0', frames: 4 },
        { name: 'gpu1', frames: 4 },
      ],
    },
    actions: [
      { op: 'mmap', start: 0, count: 6, prot: 'rw' },
      { op: 'mprotect', start: 5, prot: 'none' },
      { op: 'cpu_write', start: 1, count: 2, values: [1, 2] },
      { op: 'dev_read', device: 'gpu0', start: 0 },
      { op: 'migrate_to_device', device: 'gpu0', start: 2 },
      { op: 'migrate_to_device', device: 'gpu1', start: 3 },
      { op: 'snapshot', device: 'gpu0', start: 0, count: 6 },
    ],
  },
  notes: [
    {
      action: 3,
      text: 'A device read of untouched page 0 maps it to the zero page.',
    },
    {
      action: 6,
      fn: 'hmm_range_fault',
      text: 'No fault is taken: hmm_range_fault just reports each entry as gpu0 would see it.',
    },
    {
      action: 6,
      text: "Page 0 zero+read, page 1 write (an ordinary writable page), page 2 dev-private-local+write (in gpu0 memory), page 3 none (in gpu1 memory: not gpu0's to use), page 4 none (never touched), page 5 error (PROT_NONE).",
    },
  ],
};
