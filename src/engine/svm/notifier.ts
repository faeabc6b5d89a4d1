// The svm device's interval notifier (drm_gpusvm_notifier_invalidate → xe_svm_invalidate): it
// acts on every event, its own MMU_NOTIFY_MIGRATE included, and zaps the GPU PTEs of every
// range overlapping the invalidated pages — whole ranges, not just those pages. Ranges are
// unbound, not removed; MMU_NOTIFY_UNMAP also marks them unmapped for the garbage collector.
import { bump, emit, setDevPte, setSeq, say, type Ctx } from '../ctx.ts';
import { ptKey } from '../state.ts';
import { rangesIn, setRange, type SvmRange } from './state.ts';

export function svmInvalidate(
  c: Ctx,
  dev: number,
  pid: number,
  start: number,
  end: number,
  unmap: boolean,
  own: boolean,
): void {
  const d = c.w.devices[dev];
  setSeq(c, dev, d.seq + 1);
  bump(c, 'invalidations');
  let zapped = 0;
  let unbound = 0;
  const hit = rangesIn(c.w, dev, pid, start, end);
  for (const r of hit) {
    if (r.bound) {
      unbound++;
      // A bound range is mapped whole (invariant 3): every page has a GPU PTE to zap.
      for (let p = r.start; p < r.start + r.count; p++) {
        setDevPte(c, dev, ptKey(pid, p), null);
        zapped++;
      }
    }
    // Unbound, and unmapped if this is an unmap (setRange writes nothing when that is no change).
    setRange(c, changed(r, unmap));
  }
  const ranges = hit.length;
  emit(
    c,
    'xe_svm_invalidate',
    ranges === 0
      ? say`drm_gpusvm_notifier_invalidate: ${d.name} bumps its sequence to ${d.seq}; no range of its overlaps, so nothing to zap.`
      : say`drm_gpusvm_notifier_invalidate → xe_svm_invalidate${own ? ' (its own migration: an svm device does not skip it)' : ''}: ${d.name} bumps its sequence to ${d.seq}${unbound ? say` and zaps ${zapped} GPU PTE${zapped === 1 ? '' : 's'} — every page of ${unbound} overlapping range${unbound > 1 ? 's' : ''}, not just the pages invalidated (xe_pt_zap_ptes_range, drm_gpusvm_range_unmap_pages)` : ''}${unmap ? say`; ${ranges} range${ranges > 1 ? 's are' : ' is'} marked unmapped for the garbage collector` : ''}.`,
  );
}

const changed = (r: SvmRange, unmap: boolean): SvmRange => ({
  dev: r.dev,
  pid: r.pid,
  start: r.start,
  count: r.count,
  bound: false,
  unmapped: r.unmapped || unmap,
});
