// Scrubber markers: which waypoints are faults, migrations, invalidations and frees.
import type { Waypoint } from '../engine/trace.ts';
import type { MarkerKind } from './types.ts';

export function markerOf(w: Waypoint): MarkerKind | null {
  switch (w.fn) {
    case 'handle_mm_fault':
      return w.path.includes('hmm_range_fault') || w.path.includes('make_device_exclusive')
        ? null
        : 'cpu-fault';
    case 'mmu_interval_read_begin':
      return w.path.includes('dmirror_range_fault') ? 'dev-fault' : null;
    case 'migrate_vma_pages':
    case 'migrate_device_pages':
      return 'migration';
    case 'mmu_notifier_invalidate_range_start':
      return 'invalidation';
    case 'page_free':
      return 'free';
    default:
      return null;
  }
}
