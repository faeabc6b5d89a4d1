// The three points of the contract HMM offers a device driver (shared/hmm-model.md).

export interface Contract {
  n: 1 | 2 | 3;
  title: string;
}

export const CONTRACTS: Record<1 | 2 | 3, Contract> = {
  1: { n: 1, title: 'CPU touch of device memory calls the driver back' },
  2: { n: 2, title: 'Driver data per page: zone_device_data' },
  3: { n: 3, title: 'Free notification: page_free' },
};

/** Which contract point a waypoint illustrates, judged by its fn and call path. */
export function contractOf(fn: string, path: readonly string[]): Contract | undefined {
  const all = [fn, ...path].join(' ');
  if (/page_free|devmem_free|free_zone_device/.test(fn)) return CONTRACTS[3];
  if (/zone_device_data|alloc_and_copy|devmem_alloc|memremap_pages/.test(fn)) return CONTRACTS[2];
  if (/do_swap_page|migrate_to_ram|devmem_fault/.test(all)) return CONTRACTS[1];
  return undefined;
}
