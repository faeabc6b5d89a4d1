import { describe, expect, it } from 'vitest';
import { contractOf } from './contracts.ts';
import { fnFile } from './fnFiles.ts';

describe('fn → source file', () => {
  it('knows the functions of the fault and migration paths', () => {
    expect(fnFile('do_swap_page')).toBe('mm/memory.c');
    expect(fnFile('migrate_vma_finalize')).toBe('mm/migrate_device.c');
    expect(fnFile('hmm_range_fault')).toBe('mm/hmm.c');
    expect(fnFile('dmirror_devmem_fault')).toBe('lib/test_hmm.c');
    expect(fnFile('cpu_read')).toBeUndefined();
  });
  it('names the contract point a waypoint illustrates', () => {
    expect(contractOf('page_free', [])?.n).toBe(3);
    expect(contractOf('dmirror_migrate_alloc_and_copy', [])?.n).toBe(2);
    expect(
      contractOf('migrate_vma_setup', ['handle_mm_fault', 'do_swap_page', 'migrate_to_ram'])?.n,
    ).toBe(1);
    expect(contractOf('do_mmap', ['do_mmap'])).toBeUndefined();
  });
});
