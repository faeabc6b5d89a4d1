// dmirror SNAPSHOT (flow H): hmm_range_fault without HMM_PFN_REQ_FAULT reports what the CPU
// page table holds, faulting nothing; dmirror_mkentry turns each pfn into a permission.
import { emit, within, say, type Ctx } from '../ctx.ts';
import type { SnapshotPerm } from '../result.ts';
import type { VPage } from '../state.ts';
import { pagesText } from './notifier.ts';

function perm(v: VPage | undefined, dev: number): SnapshotPerm {
  if (!v || v.prot === 'none') return 'error';
  const rw = v.writable ? 'write' : 'read';
  switch (v.state) {
    case 'zero':
      return 'zero+read';
    case 'present':
      if (v.loc < 0) return rw;
      return v.loc === dev ? `dev-coherent-local+${rw}` : `dev-coherent-remote+${rw}`;
    case 'device-private':
      return v.dev === dev ? `dev-private-local+${rw}` : 'none';
    default:
      return 'none';
  }
}

export function dmirrorSnapshot(c: Ctx, dev: number, pid: number, start: number, end: number) {
  const d = c.w.devices[dev];
  return within(c, 'dmirror_snapshot', () => {
    emit(
      c,
      'mmu_interval_read_begin',
      say`${d.name} notes its notifier sequence (${d.seq}) before taking the snapshot.`,
    );
    const pages = c.w.procs[pid].pages;
    const snapshot: SnapshotPerm[] = [];
    for (let p = start; p < end; p++) snapshot.push(perm(pages[p], dev));
    emit(
      c,
      'hmm_range_fault',
      say`hmm_range_fault walks ${pagesText(start, end)} without HMM_PFN_REQ_FAULT: it reports each CPU entry as it is and faults nothing (pages in another device's memory or exclusive read as not valid).`,
    );
    emit(
      c,
      'dmirror_mkentry',
      say`dmirror_mkentry turns the pfns into permissions: ${snapshot.join(', ')}.`,
    );
    return snapshot;
  });
}
