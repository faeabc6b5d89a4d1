// Deferred work of svm devices, run at the end of the action that queued it (the kernel's
// queue_work): xe_svm_garbage_collector removes the ranges MMU_NOTIFY_UNMAP marked unmapped.
// A partially unmapped range whose other pages still live in device memory is first evicted
// (drm_gpusvm_range_evict: hmm_range_fault without an owner brings them home through their
// migrate_to_ram), then removed. Coherent pages are present PTEs that need no fault, so
// "This function will not evict coherent pages": they stay, and so does their chunk.
import {
  aboutDevice,
  aboutPages,
  aboutProcess,
  emit,
  enter,
  leave,
  say,
  type Ctx,
} from '../ctx.ts';
import { pagesText } from '../hmm/notifier.ts';
import { faultIn } from '../mm/fault.ts';
import { removeRange, rangesOf } from './state.ts';

export function svmDeferredWork(c: Ctx): void {
  const devices = c.w.devices;
  for (let dev = 0; dev < devices.length; dev++) {
    if (devices[dev].driver !== 'svm') continue;
    const unmapped = rangesOf(c.w, dev).filter((r) => r.unmapped);
    if (!unmapped.length) continue;
    const saved = enter(c, 'xe_svm_garbage_collector');
    aboutProcess(c, -1);
    aboutDevice(c, dev);
    emit(
      c,
      'xe_svm_garbage_collector',
      say`At the end of the action ${devices[dev].name}'s garbage collector runs (queued by MMU_NOTIFY_UNMAP): ${unmapped.length} unmapped range${unmapped.length > 1 ? 's' : ''} to remove.`,
    );
    for (const r of unmapped) {
      const pages = c.w.procs[r.pid].pages;
      const end = r.start + r.count;
      aboutPages(c, r.pid, r.start, end);
      const left: number[] = [];
      for (let p = r.start; p < end; p++) if (pages[p]?.state === 'device-private') left.push(p);
      if (left.length) {
        const inner = enter(c, 'drm_gpusvm_range_evict');
        emit(
          c,
          'drm_gpusvm_range_evict',
          say`Pid ${r.pid} ${pagesText(r.start, end)} was only partly unmapped and ${left.length} of its page${left.length > 1 ? 's are' : ' is'} still in device memory: drm_gpusvm_range_evict faults ${left.length > 1 ? 'them' : 'it'} home with hmm_range_fault and no owner.`,
        );
        // A page the first migrate_to_ram brought home with its chunk faults no more (faultIn
        // finds it present).
        for (const p of left) faultIn(c, r.pid, p, false, 'drm_gpusvm_range_evict');
        leave(c, inner);
      }
      removeRange(c, r);
      emit(
        c,
        'drm_gpusvm_range_remove',
        say`drm_gpusvm_range_remove drops ${devices[dev].name}'s range for pid ${r.pid} ${pagesText(r.start, end)}.`,
      );
    }
    leave(c, saved);
  }
}
