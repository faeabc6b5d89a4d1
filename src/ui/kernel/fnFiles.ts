// Where each kernel function the engine names lives in the Linux source tree, so a student can
// open the real code next to the animation. Driver callbacks are dmirror's (lib/test_hmm.c).

const FILES: Record<string, string> = {
  // mm/memory.c: the fault path and PTE teardown
  handle_mm_fault: 'mm/memory.c',
  __handle_mm_fault: 'mm/memory.c',
  handle_pte_fault: 'mm/memory.c',
  do_anonymous_page: 'mm/memory.c',
  do_swap_page: 'mm/memory.c',
  do_wp_page: 'mm/memory.c',
  wp_page_copy: 'mm/memory.c',
  wp_page_reuse: 'mm/memory.c',
  do_fault: 'mm/memory.c',
  remove_device_exclusive_entry: 'mm/memory.c',
  zap_pte_range: 'mm/memory.c',
  unmap_vmas: 'mm/memory.c',
  copy_page_range: 'mm/memory.c',
  copy_present_page: 'mm/memory.c',
  try_restore_exclusive_pte: 'mm/memory.c',
  // mm/migrate_device.c: migrate_vma_*
  migrate_vma_setup: 'mm/migrate_device.c',
  migrate_vma_collect: 'mm/migrate_device.c',
  migrate_vma_collect_pmd: 'mm/migrate_device.c',
  migrate_vma_unmap: 'mm/migrate_device.c',
  migrate_device_unmap: 'mm/migrate_device.c',
  migrate_vma_pages: 'mm/migrate_device.c',
  migrate_device_pages: 'mm/migrate_device.c',
  migrate_vma_finalize: 'mm/migrate_device.c',
  migrate_device_finalize: 'mm/migrate_device.c',
  migrate_device_range: 'mm/migrate_device.c',
  migrate_vma_insert_page: 'mm/migrate_device.c',
  // include/linux/rmap.h: refuses to share (and so to unmap) a maybe-DMA-pinned anon page
  folio_try_share_anon_rmap_pte: 'include/linux/rmap.h',
  // mm/hmm.c
  hmm_range_fault: 'mm/hmm.c',
  hmm_vma_fault: 'mm/hmm.c',
  hmm_vma_walk_pmd: 'mm/hmm.c',
  hmm_vma_handle_pte: 'mm/hmm.c',
  // notifiers
  mmu_interval_notifier_insert: 'mm/mmu_notifier.c',
  mmu_interval_read_begin: 'mm/mmu_notifier.c',
  mmu_interval_read_retry: 'include/linux/mmu_notifier.h',
  mmu_interval_set_seq: 'include/linux/mmu_notifier.h',
  mmu_notifier_invalidate_range_start: 'include/linux/mmu_notifier.h',
  mmu_notifier_invalidate_range_end: 'include/linux/mmu_notifier.h',
  mn_itree_invalidate: 'mm/mmu_notifier.c',
  // ZONE_DEVICE
  memremap_pages: 'mm/memremap.c',
  devm_memremap_pages: 'mm/memremap.c',
  free_zone_device_folio: 'mm/memremap.c',
  page_free: 'mm/memremap.c → lib/test_hmm.c',
  migrate_to_ram: 'mm/memory.c → lib/test_hmm.c',
  // exclusive access
  make_device_exclusive: 'mm/rmap.c',
  make_device_exclusive_range: 'mm/rmap.c',
  folio_make_device_exclusive: 'mm/rmap.c',
  // VMAs
  mmap: 'mm/mmap.c',
  do_mmap: 'mm/mmap.c',
  mmap_region: 'mm/vma.c',
  munmap: 'mm/vma.c',
  do_vmi_munmap: 'mm/vma.c',
  mprotect: 'mm/mprotect.c',
  do_mprotect_pkey: 'mm/mprotect.c',
  mprotect_fixup: 'mm/mprotect.c',
  change_protection: 'mm/mprotect.c',
  // copies and fork
  copy_highpage: 'include/linux/highmem.h',
  xa_erase: 'lib/xarray.c',
  xa_store: 'lib/xarray.c',
  folio_copy: 'mm/util.c',
  fork: 'kernel/fork.c',
  dup_mmap: 'mm/mmap.c',
};

/** The source file of a kernel function, or undefined when the engine names something new. */
export function fnFile(fn: string): string | undefined {
  const bare = fn.replace(/\(.*$/, '').replace(/^.*(->|\.)/, '');
  if (FILES[fn]) return FILES[fn];
  if (FILES[bare]) return FILES[bare];
  if (/^dmirror_|^hmm_dmirror|^HMM_DMIRROR/.test(bare)) return 'lib/test_hmm.c';
  if (/^migrate_(vma|device)_/.test(bare)) return 'mm/migrate_device.c';
  if (/^hmm_/.test(bare)) return 'mm/hmm.c';
  if (/^mmu_(interval_)?notifier|^mmu_interval/.test(bare)) return 'mm/mmu_notifier.c';
  return undefined;
}
