// What a device's memory is, in its panel's title: the dev_pagemap type it registered.
import type { DeviceMemory } from '../../scenario/types.ts';

export function MemoryKind({ memory }: { memory: DeviceMemory }) {
  return memory === 'coherent' ? (
    <span className="sub mem-kind coherent" data-memory="coherent">
      device-coherent (MEMORY_DEVICE_COHERENT) · ZONE_DEVICE
    </span>
  ) : (
    <span className="sub mem-kind" data-memory="private">
      device-private memory · ZONE_DEVICE
    </span>
  );
}
