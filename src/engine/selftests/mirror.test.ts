// Device access through the mirror: fault rounds and two devices on one address space
// (hmm-tests.c: double_map; hmm-model.md D).
import { beforeEach, describe, expect, it } from 'vitest';
import type { RunReport } from '../result.ts';
import type { Action } from '../../scenario/types.ts';
import { createTimeline } from '../../timeline/timeline.ts';
import {
  build,
  counters,
  device,
  FOUR_PAGES,
  host,
  none,
  pagesOf,
  pte,
  ptOf,
  run,
  TWO_GPUS,
} from './scenario.ts';

describe('double_map', () => {
  let r: RunReport;
  beforeEach(() => {
    r = run(
      [
        { op: 'mmap', start: 0, count: 4, prot: 'rw' },
        { op: 'cpu_write', start: 0, count: 4, values: [10, 11, 12, 13] },
        { op: 'mprotect', start: 0, count: 4, prot: 'r' },
        { op: 'dev_read', device: 'gpu0', start: 0, count: 4 },
        { op: 'dev_read', device: 'gpu1', start: 0, count: 4 },
        { op: 'migrate_to_device', device: 'gpu1', start: 0, count: 4 },
        { op: 'dev_read', device: 'gpu0', start: 0, count: 4 },
      ],
      TWO_GPUS,
    );
  });

  it('lets both devices read the same pages, one fault round each', () => {
    for (const i of [3, 4, 6]) {
      expect(r.results[i]).toMatchObject({
        status: 'ok',
        cpages: 4,
        faults: 1,
        values: [10, 11, 12, 13],
      });
    }
    expect(r.results[5]).toMatchObject({ status: 'ok', cpages: 4, migrated: 4 });
  });

  it('faults gpu1\u2019s pages back to RAM when gpu0 reads them', () => {
    expect(pagesOf(r)).toEqual([0, 1, 2, 3].map((p) => host(p, 10 + p, false)));
    expect(ptOf(r, 'gpu0')).toEqual([0, 1, 2, 3].map((p) => pte(p, 'host', p, false)));
    expect(ptOf(r, 'gpu1')).toEqual([]);
    expect(device(r, 'gpu1').free).toBe(16);
  });

  it('counts the remote fault-back precisely', () => {
    // mprotect reaches both (2); gpu1's migration reaches gpu0 (1); each of the 4
    // migrate_to_ram reaches gpu0 only (4). Those make hmm_range_fault return EBUSY once.
    expect(r.counters).toEqual(
      counters({
        cpuFaults: 4,
        deviceFaults: 3,
        migrateToRam: 4,
        pagesToDevice: 4,
        pagesToHost: 4,
        pageFree: 4,
        invalidations: 7,
        rangeFaultRetries: 1,
      }),
    );
    expect(device(r, 'gpu0').seq).toBe(6);
    expect(device(r, 'gpu1').seq).toBe(1);
  });
});

describe('fault rounds', () => {
  it('takes no fault round when every page is already mirrored', () => {
    const r = run([
      { op: 'mmap', start: 0, count: 2, prot: 'rw' },
      { op: 'dev_write', device: 'gpu0', start: 0, count: 2, values: [1, 2] },
      { op: 'dev_read', device: 'gpu0', start: 0, count: 2 },
      { op: 'dev_write', device: 'gpu0', start: 0, count: 2, value: 3 },
    ]);
    expect(r.results[2]).toMatchObject({ status: 'ok', cpages: 2, faults: 0, values: [1, 2] });
    expect(r.results[3]).toMatchObject({ status: 'ok', cpages: 2, faults: 0 });
    expect(pagesOf(r)).toEqual([host(0, 3), host(1, 3)]);
    expect(r.counters).toEqual(counters({ deviceFaults: 1 }));
  });

  it('returns the pages read before a fault round that fails', () => {
    const r = run([
      { op: 'mmap', start: 0, count: 2, prot: 'rw' },
      { op: 'mmap', start: 2, count: 1, prot: 'none' },
      { op: 'cpu_write', start: 0, count: 2, values: [4, 5] },
      { op: 'dev_read', device: 'gpu0', start: 0, count: 2 },
      { op: 'dev_read', device: 'gpu0', start: 0, count: 3 },
    ]);
    expect(r.results[4]).toMatchObject({ status: 'EFAULT', cpages: 2, values: [4, 5] });
    expect(r.results[4].faults ?? 0).toBe(0);
    expect(r.counters).toEqual(counters({ cpuFaults: 2, deviceFaults: 1 }));
  });

  it('writes page by page and keeps what it wrote before an EPERM', () => {
    const r = run([
      { op: 'mmap', start: 0, count: 2, prot: 'rw' },
      { op: 'mmap', start: 2, count: 1, prot: 'r' },
      { op: 'dev_write', device: 'gpu0', start: 0, count: 2, value: 1 },
      { op: 'dev_write', device: 'gpu0', start: 0, count: 3, values: [7, 8, 9] },
    ]);
    // Pages 0-1 are mirrored writable, so they are written before the fault at page 2.
    expect(r.results[3]).toMatchObject({ status: 'EPERM', cpages: 2 });
    expect(pagesOf(r)).toEqual([host(0, 7), host(1, 8), none(2)]);
  });

  it('turns dev_write into EPERM after mprotect PROT_READ zapped the mirror', () => {
    const r = run([
      { op: 'mmap', start: 0, count: 2, prot: 'rw' },
      { op: 'dev_write', device: 'gpu0', start: 0, count: 2, values: [1, 2] },
      { op: 'mprotect', start: 0, count: 2, prot: 'r' },
      { op: 'dev_write', device: 'gpu0', start: 0, count: 2, values: [3, 4] },
      { op: 'dev_read', device: 'gpu0', start: 0, count: 2 },
    ]);
    expect(r.results[3].status).toBe('EPERM');
    expect(r.results[3].cpages ?? 0).toBe(0);
    expect(r.results[4]).toMatchObject({ status: 'ok', faults: 1, values: [1, 2] });
    expect(ptOf(r, 'gpu0')).toEqual([pte(0, 'host', 0, false), pte(1, 'host', 1, false)]);
    expect(r.counters).toEqual(counters({ deviceFaults: 2, invalidations: 1 }));
  });

  it('faults its own read-only device page back to RAM for a write', () => {
    const r = run([
      { op: 'mmap', start: 0, count: 1, prot: 'rw' },
      { op: 'cpu_write', start: 0, value: 5 },
      { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 1 },
      { op: 'mprotect', start: 0, count: 1, prot: 'r' },
      { op: 'mprotect', start: 0, count: 1, prot: 'rw' },
      { op: 'dev_write', device: 'gpu0', start: 0, value: 6 },
    ]);
    expect(r.results[5]).toMatchObject({ status: 'ok', cpages: 1, faults: 1 });
    expect(pagesOf(r)).toEqual([host(0, 6)]);
    expect(ptOf(r, 'gpu0')).toEqual([pte(0, 'host', 0, true)]);
    // migrate_to_ram is gpu0's own MMU_NOTIFY_MIGRATE (skipped) and wp_page_reuse sends
    // nothing, so the sequence never moved: no retry. Invalidations are the two mprotects.
    expect(r.counters).toEqual(
      counters({
        cpuFaults: 1,
        deviceFaults: 1,
        migrateToRam: 1,
        pagesToDevice: 1,
        pagesToHost: 1,
        pageFree: 1,
        invalidations: 2,
      }),
    );
  });
});

// hmm_vma_fault faults one batch at a time — from the first page that needs it to the end of
// that VMA within the range — and returns -EBUSY when its faults moved the notifier sequence
// (hmm-model.md D): one retry per such batch, before a later VMA's error is reached.
describe('hmm_vma_fault batches per VMA', () => {
  const ON_GPU1: Action[] = [
    { op: 'mmap', start: 0, count: 2, prot: 'rw' },
    { op: 'mmap', start: 2, count: 2, prot: 'r' },
    { op: 'migrate_to_device', device: 'gpu1', start: 0, count: 4 },
  ];

  it('retries once for each VMA whose faults moved the sequence', () => {
    const r = run([...ON_GPU1, { op: 'dev_read', device: 'gpu0', start: 0, count: 4 }], TWO_GPUS);
    expect(r.results[3]).toMatchObject({ status: 'ok', cpages: 4, faults: 1 });
    // Batch 0–1 calls gpu1's migrate_to_ram twice (-EBUSY), then batch 2–3 does (-EBUSY again).
    expect(r.counters).toMatchObject({ migrateToRam: 4, rangeFaultRetries: 2 });
  });

  it('retries for the first VMA before the second one’s EPERM', () => {
    const r = run([
      { op: 'mmap', start: 0, count: 2, prot: 'rw' },
      { op: 'mmap', start: 2, count: 2, prot: 'r' },
      { op: 'cpu_read', start: 0, count: 2 },
      { op: 'dev_write', device: 'gpu0', start: 0, count: 4, value: 7 },
    ]);
    expect(r.results[3]).toMatchObject({ status: 'EPERM' });
    expect(r.results[3].cpages ?? 0).toBe(0);
    // The zero pages of 0–1 were replaced (COW: MMU_NOTIFY_CLEAR each) before page 2 refused.
    expect(pagesOf(r).slice(0, 2)).toEqual([host(0, 0), host(1, 0)]);
    expect(r.counters).toEqual(counters({ cpuFaults: 2, invalidations: 2, rangeFaultRetries: 1 }));
  });
});

describe('the ioctl a device access enters', () => {
  it('is dmirror_write for dev_write and dmirror_read for dev_read, fault rounds included', () => {
    const tl = createTimeline(
      build([
        ...FOUR_PAGES,
        { op: 'dev_write', device: 'gpu0', start: 0, count: 2, value: 3 },
        { op: 'dev_read', device: 'gpu0', start: 0, count: 3 },
      ]),
    );
    const entered = new Map<number, Set<string>>();
    for (let i = 0; i < tl.count; i++) {
      const { action, path } = tl.call(i);
      if (action >= 2)
        (entered.get(action) ?? entered.set(action, new Set()).get(action)!).add(path[0]);
    }
    expect(entered).toEqual(
      new Map([
        [2, new Set(['dmirror_write'])],
        [3, new Set(['dmirror_read'])],
      ]),
    );
  });
});
