// hmm_range_fault's hmm_vma_fault step (mm/hmm.c): what it says about the page that needs a
// fault, and that it stops at the first handle_mm_fault that fails.
import { describe, expect, it } from 'vitest';
import type { Action } from '../../scenario/types.ts';
import { runScenario } from '../../timeline/run.ts';
import { build, host, none, pagesOf, run, TWO_GPUS } from '../selftests/scenario.ts';

/** The hmm_vma_fault sentences of action `action`, in order. */
function vmaFaultTexts(actions: Action[], action: number): string[] {
  const trace = runScenario(build(actions, TWO_GPUS), { trace: true }).trace ?? [];
  return trace.filter((w) => w.action === action && w.fn === 'hmm_vma_fault').map((w) => w.text);
}

const faults = (what: string) => `${what}: hmm_vma_fault faults page 0 in as a CPU fault would.`;

describe('hmm_vma_fault names what the page is and why the device cannot use it', () => {
  const mmap: Action = { op: 'mmap', start: 0, count: 1, prot: 'rw' };

  it('a page never touched, for a read', () => {
    expect(vmaFaultTexts([mmap, { op: 'dev_read', device: 'gpu0', start: 0 }], 1)).toEqual([
      faults('Page 0 is none'),
    ]);
  });

  it('the zero page, for a write', () => {
    const actions: Action[] = [
      mmap,
      { op: 'cpu_read', start: 0 },
      { op: 'dev_write', device: 'gpu0', start: 0, value: 1 },
    ];
    expect(vmaFaultTexts(actions, 2)).toEqual([faults('Page 0 is zero and must be writable')]);
  });

  it("another device's private page, by that device's name", () => {
    const actions: Action[] = [
      mmap,
      { op: 'cpu_write', start: 0, value: 4 },
      { op: 'migrate_to_device', device: 'gpu1', start: 0 },
      { op: 'dev_read', device: 'gpu0', start: 0 },
    ];
    expect(vmaFaultTexts(actions, 3)).toEqual([faults("Page 0 is in gpu1's private memory")]);
  });

  it('its own private page that fork left read-only, for a write', () => {
    // hmm_pte_need_fault: the device owns the page, only the write bit is missing.
    const actions: Action[] = [
      mmap,
      { op: 'cpu_write', start: 0, value: 4 },
      { op: 'migrate_to_device', device: 'gpu0', start: 0 },
      { op: 'fork' },
      { op: 'dev_write', device: 'gpu0', start: 0, value: 5 },
    ];
    expect(vmaFaultTexts(actions, 4)).toEqual([
      faults('Page 0 is device-private and must be writable'),
    ]);
  });

  it('says whose fault handle_mm_fault is serving', () => {
    const trace =
      runScenario(
        build([mmap, { op: 'dev_write', device: 'gpu1', start: 0, value: 1 }], TWO_GPUS),
        {
          trace: true,
        },
      ).trace ?? [];
    const mm = trace.filter((w) => w.action === 1 && w.fn === 'handle_mm_fault');
    expect(mm.length).toBeGreaterThan(0);
    for (const w of mm) expect(w.text).toMatch(/^hmm_range_fault for gpu1 needs page 0 writable, /);
  });
});

describe('hmm_vma_fault stops at the first fault that fails', () => {
  it('leaves the rest of the batch untouched and returns -EFAULT', () => {
    // One host frame, held by page 1 alone after the child unmapped its COW share: page 0's
    // fault needs a frame and fails, so page 1's write fault (a wp_page_reuse, no frame needed)
    // must not run — hmm_vma_fault returns -EFAULT at the first VM_FAULT_ERROR.
    const r = run(
      [
        { op: 'mmap', start: 0, count: 2, prot: 'rw' },
        { op: 'cpu_write', start: 1, value: 5 },
        { op: 'fork' },
        { op: 'munmap', pid: 2, start: 1, count: 1 },
        { op: 'dev_write', device: 'gpu0', start: 0, count: 2, value: 9 },
      ],
      { hostFrames: 1, devices: [{ name: 'gpu0', frames: 4 }] },
    );
    expect(r.results[4]).toMatchObject({ status: 'EFAULT' });
    expect(pagesOf(r)).toEqual([none(0), host(1, 5, false)]);
  });
});
