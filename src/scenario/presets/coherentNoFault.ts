// Device-coherent memory (hmm-model-v2.md flow L.2): the CPU maps the device frame itself.
import type { Preset } from './types.ts';

export const coherentNoFault: Preset = {
  id: 'coherent-no-fault',
  title: 'Coherent memory needs no fault',
  topic: 'Coherent memory',
  short: 'coherent: no fault',
  description:
    'Four pages move to gpu0, whose memory is MEMORY_DEVICE_COHERENT. Their CPU PTEs stay present, ' +
    'pointing at gpu0 frames, so a CPU read and write go straight to device memory: no fault, no migrate_to_ram.',
  scenario: {
    format: 'hmm-lab/scenario@2',
    title: 'Coherent memory needs no fault',
    config: { hostFrames: 16, devices: [{ name: 'gpu0', frames: 8, memory: 'coherent' }] },
    actions: [
      { op: 'mmap', start: 0, count: 4, prot: 'rw' },
      { op: 'cpu_write', start: 0, count: 4, values: [10, 11, 12, 13] },
      { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 4 },
      { op: 'cpu_read', start: 2 },
      { op: 'cpu_write', start: 1, values: [42] },
    ],
  },
  notes: [
    {
      action: 1,
      text: 'Four CPU writes fault in four host frames: the only CPU faults of this run.',
    },
    {
      action: 2,
      fn: 'migrate_vma_finalize',
      text: 'migrate_vma_finalize installs present PTEs to gpu0 frames, not device-private entries: coherent memory is CPU-addressable. The host frames are freed.',
    },
    {
      action: 3,
      text: 'The CPU reads page 2 (12) from gpu0 frame 2 directly: no fault, no migrate_to_ram, the page stays in gpu0.',
      quiz: {
        kind: 'where',
        why: 'A present PTE to a coherent frame is used like any present PTE: the bus is cache-coherent.',
      },
    },
    {
      action: 4,
      text: 'The write of 42 to page 1 lands in gpu0 frame 1, and gpu0 keeps its mapping: migrateToRam stays 0.',
    },
  ],
};
