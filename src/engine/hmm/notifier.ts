// mmu_notifier_invalidate_range_start and dmirror's interval callback (flow E): every device's
// mmu_interval_notifier bumps its sequence and zaps its device PTEs in the range, except that a
// device ignores an MMU_NOTIFY_MIGRATE it started itself (owner match).
import {
  aboutDevice,
  aboutPages,
  bump,
  emit,
  enter,
  leave,
  setDevPte,
  setSeq,
  say,
  type Ctx,
} from '../ctx.ts';
import type { Said } from '../store/say.ts';
import { ptKey } from '../state.ts';
import { svmInvalidate } from '../svm/notifier.ts';

export type NotifyEvent =
  'UNMAP' | 'CLEAR' | 'PROTECTION_VMA' | 'PROTECTION_PAGE' | 'MIGRATE' | 'EXCLUSIVE';

const WHY: Record<NotifyEvent, string> = {
  UNMAP: 'the pages are being unmapped',
  CLEAR: 'a page-table entry is being replaced',
  PROTECTION_VMA: 'the protection of the range is changing',
  PROTECTION_PAGE: 'fork is write-protecting the pages for copy-on-write',
  MIGRATE: 'the pages are being migrated',
  EXCLUSIVE: 'exclusive device access is being granted or revoked',
};

export const pagesText = (start: number, end: number): Said =>
  end - start === 1 ? say`page ${start}` : say`pages ${start}–${end - 1}`;

/**
 * Calls every device's interval notifier for [start, end) of pid. `owner` is the device index
 * that started a migration (its own MMU_NOTIFY_MIGRATE is skipped), or -1.
 */
export function invalidateRange(
  c: Ctx,
  pid: number,
  start: number,
  end: number,
  event: NotifyEvent,
  owner: number,
): void {
  const saved = enter(c, 'mmu_notifier_invalidate_range_start');
  // A broadcast: about the range, and every mirror (no one device).
  aboutPages(c, pid, start, end);
  aboutDevice(c, -1);
  emit(
    c,
    'mmu_notifier_invalidate_range_start',
    say`MMU_NOTIFY_${event} for ${pagesText(start, end)}: ${WHY[event]}, so every mirror must drop its translations before the CPU page table changes.`,
  );
  const devices = c.w.devices;
  for (let dev = 0; dev < devices.length; dev++) {
    const d = devices[dev];
    aboutDevice(c, dev);
    if (d.driver === 'svm') {
      svmInvalidate(c, dev, pid, start, end, event === 'UNMAP', dev === owner);
      continue;
    }
    if (event === 'MIGRATE' && dev === owner) {
      emit(
        c,
        'dmirror_interval_invalidate',
        say`${d.name} ignores this MMU_NOTIFY_MIGRATE: it started the migration itself (owner match), so its sequence stays at ${d.seq} and it will update its own page table as part of the migration.`,
      );
      continue;
    }
    setSeq(c, dev, d.seq + 1);
    bump(c, 'invalidations');
    const zapped = zapRange(c, dev, ptKey(pid, start), ptKey(pid, end));
    emit(
      c,
      'dmirror_interval_invalidate',
      zapped
        ? say`${d.name} bumps its notifier sequence to ${d.seq} and zaps ${zapped} device PTE${zapped > 1 ? 's' : ''}, so no stale translation survives.`
        : say`${d.name} bumps its notifier sequence to ${d.seq}; it mirrors nothing there, so there is nothing to zap — but a fault in flight will see the new sequence and retry.`,
    );
  }
  leave(c, saved);
}

/** Removes the device PTEs with keys in [lo, hi); small ranges probe, large ones scan. */
function zapRange(c: Ctx, dev: number, lo: number, hi: number): number {
  const pt = c.w.devices[dev].pt;
  const keys: number[] = [];
  // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: probe or scan finds the same keys in the same (ascending) order; only the cost differs
  if (hi - lo <= 64) {
    for (let k = lo; k < hi; k++) if (pt[k]) keys.push(k);
  } else {
    for (const key in pt) if (Number(key) >= lo && Number(key) < hi) keys.push(Number(key));
  }
  for (const k of keys) setDevPte(c, dev, k, null);
  return keys.length;
}
