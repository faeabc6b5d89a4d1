import type { DeviceMemory } from '../../scenario/types.ts';

/**
 * The interconnect between host RAM and device memory: where migrating pages travel. With a
 * MEMORY_DEVICE_COHERENT device it is drawn as a coherent link (the CPU loads and stores
 * device memory across it, hmm-model-v2.md L); with private and coherent devices, both.
 */
export function Bus({ memories = [] }: { memories?: readonly DeviceMemory[] }) {
  const coherent = memories.includes('coherent');
  const mixed = coherent && memories.includes('private');
  const kind = mixed ? 'mixed' : coherent ? 'coherent' : 'private';
  return (
    <div className={`bus bus-${kind}`} data-key="bus" data-bus={kind} aria-hidden>
      <div className="bus-rail" />
      <span className="bus-label">
        {kind === 'private'
          ? 'PCIe bus'
          : kind === 'coherent'
            ? 'coherent link'
            : 'PCIe · coherent'}
      </span>
    </div>
  );
}
