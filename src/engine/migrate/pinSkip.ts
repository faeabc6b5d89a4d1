// A pinned page a migration leaves where it is (hmm-model-v2.md N): to unmap an anonymous
// exclusive page the walk must make it shareable first, and folio_try_share_anon_rmap_pte
// refuses a folio that folio_maybe_dma_pinned() (include/linux/rmap.h), so the PTE is put back
// and the page is not collected. One waypoint per such page, about that page and its frame.
import { aboutDevice, aboutPage, emit, say, within, type Ctx } from '../ctx.ts';
import type { VPage } from '../state.ts';

/** Pins on the frame a present entry maps: a host frame, or a coherent device frame. */
export function presentPins(c: Ctx, v: VPage | undefined): number {
  if (!v || v.state !== 'present') return 0;
  return v.loc < 0 ? c.w.hostFrames[v.frame].pins : c.w.devices[v.loc].frames[v.frame].pins;
}

/**
 * Say that the walk left pinned page `page` in place. `walker`: the function that tried to
 * unmap it (migrate_vma_collect_pmd for migrate_vma_setup, try_to_migrate for
 * migrate_device_range).
 */
export function sayPinnedSkip(
  c: Ctx,
  pid: number,
  page: number,
  v: VPage,
  walker: 'migrate_vma_collect_pmd' | 'try_to_migrate',
): void {
  within(c, 'folio_try_share_anon_rmap_pte', () => {
    aboutPage(c, pid, page);
    const pins = presentPins(c, v);
    const where =
      v.loc < 0 ? say`host frame ${v.frame}` : say`${c.w.devices[v.loc].name} frame ${v.frame}`;
    if (v.loc >= 0) aboutDevice(c, v.loc, v.frame);
    emit(
      c,
      'folio_try_share_anon_rmap_pte',
      say`Page ${page} is pinned (${pins} pin${pins === 1 ? '' : 's'}: GUP_PIN_COUNTING_BIAS in its refcount, so folio_maybe_dma_pinned() is true). ${walker} must make it shareable before unmapping it, and folio_try_share_anon_rmap_pte refuses: its PTE is put back and the page stays in ${where}, not migrated.`,
    );
  });
}
