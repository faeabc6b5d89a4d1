// Scrubber markers: which waypoints are faults, migrations, invalidations and frees.
import type { Trace } from '../engine/store/trace.ts';
import type { MarkerKind } from './types.ts';

export function markerOf(t: Trace, i: number): MarkerKind | null {
  switch (t.fnOf(i)) {
    case 'handle_mm_fault': {
      const path = t.pathOf(i);
      return path.includes('hmm_range_fault') || path.includes('make_device_exclusive')
        ? null
        : 'cpu-fault';
    }
    case 'mmu_interval_read_begin':
      return t.pathOf(i).includes('dmirror_range_fault') ? 'dev-fault' : null;
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
