// hmm-model-v2.md flow L.3: hmm_range_fault returns a present pfn whatever memory it is in.
import type { Preset } from './types.ts';

export const coherentPeer: Preset = {
  id: 'coherent-peer',
  title: 'Another GPU maps coherent memory in place',
  topic: 'Coherent memory',
  short: 'coherent: peer GPU in place',
  description:
    "Two pages move to gpu0's coherent memory. gpu1 then reads them: hmm_range_fault hands it the " +
    "present PTEs' pfns, so gpu1 maps gpu0's frames where they are and nothing moves.",
  scenario: {
    format: 'hmm-lab/scenario@2',
    title: 'Another GPU maps coherent memory in place',
    config: {
      hostFrames: 16,
      devices: [
        { name: 'gpu0', frames: 8, memory: 'coherent' },
        { name: 'gpu1', frames: 8 },
      ],
    },
    actions: [
      { op: 'mmap', start: 0, count: 2, prot: 'rw' },
      { op: 'cpu_write', start: 0, count: 2, values: [7, 8] },
      { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 2 },
      { op: 'dev_read', device: 'gpu1', start: 0, count: 2 },
    ],
  },
  notes: [
    {
      action: 2,
      text: 'Pages 0 and 1 move to gpu0 frames 0 and 1; their CPU PTEs stay present.',
    },
    {
      action: 3,
      text: 'gpu1 reads pages 0–1. Its page table is empty, so it takes one device fault and calls hmm_range_fault.',
      quiz: {
        kind: 'where',
        why: 'With device-private memory the pages would be pulled home through migrate_to_ram first.',
      },
    },
    {
      action: 3,
      fn: 'hmm_range_fault',
      text: "hmm_range_fault has no owner test for present PTEs: it returns gpu0's frames, and gpu1's page table points at them (target gpu0). The values 7 and 8 are read in place.",
    },
  ],
};
