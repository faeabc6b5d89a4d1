// Which layer of the kernel each function a waypoint or call path names belongs to: the CPU
// access itself, core mm, HMM (with migrate_vma/migrate_device and the mmu notifiers), or the
// device driver. `emit`, `within` and `enter` take only names listed here, so a new function
// cannot reach the trace without a layer (the type checker refuses it).
//
// `caller`: a library helper that belongs to whoever calls it (copy_highpage and alloc_page as
// the driver's migrate_to_ram uses them, xa_erase on the driver's own page table): it takes the
// layer of the enclosing call path.

export type LayerKind = 'cpu' | 'mm' | 'hmm' | 'driver';
/** `driver:<device name>` for a driver step. */
export type Layer = 'cpu' | 'mm' | 'hmm' | `driver:${string}`;

export const LAYER = {
  // The access itself, and the ops that are one.
  cpu_read: 'cpu',
  cpu_write: 'cpu',
  interleave: 'cpu',

  // Core mm: faults, page tables, rmap, fork, VMA operations, ZONE_DEVICE registration.
  handle_mm_fault: 'mm',
  do_anonymous_page: 'mm',
  do_swap_page: 'mm',
  wp_page_copy: 'mm',
  wp_page_shared: 'mm',
  wp_page_reuse: 'mm',
  shmem_fault: 'mm',
  remove_device_exclusive_entry: 'mm',
  do_mmap: 'mm',
  do_vmi_munmap: 'mm',
  zap_pte_range: 'mm',
  do_mprotect_pkey: 'mm',
  change_protection: 'mm',
  mprotect_fixup: 'mm',
  kernel_clone: 'mm',
  copy_page_range: 'mm',
  memremap_pages: 'mm',
  devm_memremap_pages: 'mm',
  find_get_task_by_vpid: 'mm',
  mmap: 'mm',
  munmap: 'mm',
  mprotect: 'mm',
  fork: 'mm',
  // get_user_pages with FOLL_PIN (a pinner such as RDMA, not a device driver of the lab).
  pin: 'mm',
  unpin: 'mm',
  pin_user_pages: 'mm',
  unpin_user_pages: 'mm',
  __get_user_pages: 'mm',
  __get_user_pages_locked: 'mm',
  __gup_longterm_locked: 'mm',
  check_vma_flags: 'mm',
  faultin_page: 'mm',
  try_grab_folio: 'mm',
  gup_put_folio: 'mm',
  follow_page_mask: 'mm',
  check_and_migrate_movable_pages: 'mm',
  collect_longterm_unpinnable_folios: 'mm',
  migrate_longterm_unpinnable_folios: 'mm',
  copy_present_page: 'mm',
  try_restore_exclusive_pte: 'mm',
  try_to_migrate: 'mm',
  folio_try_share_anon_rmap_pte: 'mm',

  // HMM: range faults, migrate_vma / migrate_device, mmu notifiers, device-exclusive access.
  hmm_range_fault: 'hmm',
  hmm_vma_fault: 'hmm',
  migrate_vma_setup: 'hmm',
  migrate_vma_pages: 'hmm',
  migrate_vma_finalize: 'hmm',
  migrate_device_range: 'hmm',
  migrate_device_pages: 'hmm',
  migrate_device_finalize: 'hmm',
  migrate_device_coherent_folio: 'hmm',
  migrate_device_pfns: 'hmm',
  migrate_device_unmap: 'hmm',
  mmu_notifier_invalidate_range_start: 'hmm',
  mmu_interval_notifier_insert: 'hmm',
  mmu_interval_read_begin: 'hmm',
  mmu_interval_read_retry: 'hmm',
  make_device_exclusive: 'hmm',
  folio_make_device_exclusive: 'hmm',

  // The driver (dmirror), including the dev_pagemap callbacks it implements.
  migrate_to_ram: 'driver',
  page_free: 'driver',
  dmirror_allocate_chunk: 'driver',
  dmirror_atomic_map: 'driver',
  dmirror_check_atomic: 'driver',
  dmirror_device_evict_chunk: 'driver',
  dmirror_devmem_alloc_page: 'driver',
  dmirror_devmem_fault_alloc_and_copy: 'driver',
  dmirror_do_fault: 'driver',
  dmirror_do_read: 'driver',
  dmirror_do_write: 'driver',
  dmirror_exclusive: 'driver',
  dmirror_fops_unlocked_ioctl: 'driver',
  dmirror_interval_invalidate: 'driver',
  dmirror_migrate_alloc_and_copy: 'driver',
  dmirror_migrate_finalize_and_map: 'driver',
  dmirror_migrate_to_device: 'driver',
  dmirror_migrate_to_system: 'driver',
  dmirror_mkentry: 'driver',
  dmirror_range_fault: 'driver',
  dmirror_read: 'driver',
  dmirror_snapshot: 'driver',
  dmirror_write: 'driver',
  dev_read: 'driver',
  dev_write: 'driver',
  migrate_to_device: 'driver',
  migrate_to_host: 'driver',
  release: 'driver',
  make_exclusive: 'driver',
  check_exclusive: 'driver',
  snapshot: 'driver',
  fail_next_alloc: 'driver',

  // The svm driver (xe on drm_gpusvm/drm_pagemap, with TTM's VRAM): driver:<its device>.
  drm_gpusvm_init: 'driver',
  drm_gpusvm_range_chunk_size: 'driver',
  drm_gpusvm_range_evict: 'driver',
  drm_gpusvm_range_find_or_insert: 'driver',
  drm_gpusvm_range_get_pages: 'driver',
  drm_gpusvm_range_remove: 'driver',
  drm_pagemap_folio_free: 'driver',
  drm_pagemap_get_devmem_page: 'driver',
  drm_pagemap_init: 'driver',
  drm_pagemap_migrate_populate_ram_pfn: 'driver',
  drm_pagemap_migrate_to_devmem: 'driver',
  drm_pagemap_migrate_to_ram: 'driver',
  ttm_bo_evict: 'driver',
  xe_bo_create_locked: 'driver',
  xe_bo_evict_all: 'driver',
  xe_exec_ioctl: 'driver',
  xe_svm_alloc_vram: 'driver',
  xe_svm_copy_to_devmem: 'driver',
  xe_svm_copy_to_ram: 'driver',
  xe_svm_devmem_release: 'driver',
  xe_svm_garbage_collector: 'driver',
  xe_svm_handle_pagefault: 'driver',
  xe_svm_invalidate: 'driver',
  xe_svm_populate_devmem_pfn: 'driver',
  xe_svm_range_is_valid: 'driver',
  xe_svm_range_needs_migrate_to_vram: 'driver',
  xe_vm_range_rebind: 'driver',

  // Helpers in the layer of their caller.
  copy_highpage: 'caller',
  alloc_page: 'caller',
  xa_erase: 'caller',
  folio_alloc: 'caller',
  vma_alloc_folio: 'caller',
} as const satisfies Record<string, LayerKind | 'caller'>;

/** A function the engine may name in a waypoint or a call path. */
export type KernelFn = keyof typeof LAYER;

const table: Record<string, LayerKind | 'caller' | undefined> = LAYER;

/** The layer of fn, or undefined for a name the table does not know (or a `caller` helper). */
export const layerKind = (fn: string): LayerKind | undefined => {
  const k = table[fn];
  return k === 'caller' ? undefined : k;
};

export const isCallerLayer = (fn: string): boolean => table[fn] === 'caller';
