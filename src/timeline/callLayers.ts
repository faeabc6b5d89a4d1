// Which layer of the kernel a function's code belongs to: the adapter between what a waypoint
// carries and the swim-lane's lanes. A waypoint's own structured `layer` (set by the engine)
// wins; a function the trace only names on a call path takes the layer its own waypoints had,
// and one never seen as a waypoint's fn is judged by its kernel name, or runs in its caller's.
export type LayerKind = 'cpu' | 'mm' | 'hmm' | 'driver';

const HMM =
  /^(hmm_|migrate_vma_|migrate_device_|mmu_notifier_|mmu_interval_|make_device_exclusive)/;
// The driver's own code and the two callbacks core mm makes into it (dev_pagemap_ops).
const DRIVER = /^(dmirror_|svm_|migrate_to_ram$|page_free$)/;
const MM =
  /^(handle_mm_fault|do_|memremap_pages|try_to_|folio_|zap_|unmap_|fork|copy_page_range|shmem_|mprotect|munmap|vm_|remove_migration)/;

/** The layer a function's name says, or null when it is a helper that runs in its caller's. */
export function kindByName(fn: string): LayerKind | null {
  if (fn.startsWith('cpu_')) return 'cpu';
  if (HMM.test(fn)) return 'hmm';
  if (DRIVER.test(fn)) return 'driver';
  if (MM.test(fn)) return 'mm';
  return null;
}

export const kindOf = (layer: string): LayerKind =>
  layer.startsWith('driver') ? 'driver' : (layer as LayerKind);

/** Lane order: CPU on top, then core mm, HMM core, and one lane per driver in device order. */
export function laneOrder(layers: Iterable<string>, devices: readonly string[]): string[] {
  const rank = (l: string) => {
    if (l === 'cpu') return 0;
    if (l === 'mm') return 1;
    if (l === 'hmm') return 2;
    const d = devices.indexOf(l.slice('driver:'.length));
    return 3 + (d < 0 ? devices.length : d);
  };
  return [...new Set(layers)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

export const LAYER_LABEL = (layer: string): string => {
  switch (layer) {
    case 'cpu':
      return 'CPU';
    case 'mm':
      return 'core mm';
    case 'hmm':
      return 'HMM core';
    default:
      return `driver · ${layer.slice('driver:'.length) || '?'}`;
  }
};
