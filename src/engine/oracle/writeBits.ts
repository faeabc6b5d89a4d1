// Write permission, judged from the report without engine code: a CPU entry may be writable
// only if something since it was last write-protected could have made it so, and a device PTE
// is writable only over a writable CPU entry (hmm-model.md invariant 3, B.5, J).
//
// The bound per page is kept on the safe side. `may` over-approximates: set by a write that
// may have landed, mprotect rw, a make_exclusive (its GUP write-faults the page) and a migration of a page
// that may have had no page yet (a none/zero source takes the VMA's write bit). `populated`
// under-approximates: set only by a write certain to have landed, so a migration of such a
// page keeps the old PTE's write bit (MIGRATE_PFN_WRITE) and cannot make it writable.
// Write-protect: mmap (fresh), mprotect to anything but rw, and fork for private pages (in
// both processes) — except a page that may be pinned: fork copies it at once
// (copy_present_page, for folio_needs_cow_for_dma), so the parent keeps its entry as it was
// and the child's copy is writable where its VMA is. A MAP_SHARED (shmem) page may be writable whenever its VMA is: shmem wants
// no write notification, so vm_page_prot is writable and any fault maps it so.
import type { Action, Prot, Scenario } from '../../scenario/types.ts';
import type { RunReport } from '../result.ts';
import { span } from './effects.ts';

interface Bits {
  prot: Prot;
  shared: boolean;
  may: boolean;
  populated: boolean;
}

type Space = Map<number, Bits>;

function apply(sp: Space, a: Action, status: string, cpages: number, certain: boolean): void {
  if (status === 'ESRCH' || !('start' in a)) return;
  const [s, e] = span(a);
  const wrote = (p: number) => {
    const b = sp.get(p);
    if (!b || b.prot !== 'rw') return;
    b.may = true;
    if (certain) b.populated = true;
  };
  switch (a.op) {
    case 'mmap':
      for (let p = s; p < e; p++)
        sp.set(p, { prot: a.prot, shared: !!a.shared, may: false, populated: false });
      return;
    case 'munmap':
      for (let p = s; p < e; p++) sp.delete(p);
      return;
    case 'mprotect':
      for (let p = s; p < e && sp.has(p); p++) {
        const b = sp.get(p)!;
        b.prot = a.prot;
        // rw may make a private page it finds exclusive writable at once (the engine's
        // refcount-1 test for can_change_pte_writable), so any page may be writable after it.
        b.may = a.prot === 'rw';
      }
      return;
    case 'cpu_write':
      // Pages before the first one it may not write; ENOMEM stopped somewhere before that.
      for (let p = s; p < e && sp.get(p)?.prot === 'rw'; p++) {
        sp.get(p)!.may = true;
        if (status !== 'ENOMEM' && certain) sp.get(p)!.populated = true;
      }
      return;
    case 'dev_write':
      // hmm_range_fault write-faults pages of the range even where the round fails later.
      for (let p = s; p < e; p++) if (sp.get(p)?.prot === 'rw') sp.get(p)!.may = true;
      for (let p = s; p < s + cpages; p++) wrote(p);
      return;
    case 'make_exclusive':
    case 'pin': // FOLL_WRITE: faultin_page write-faults each page it pins
      for (let p = s; p < e; p++) if (sp.get(p)?.prot === 'rw') sp.get(p)!.may = true;
      return;
    case 'migrate_to_device':
      for (let p = s; p < e; p++) {
        const b = sp.get(p);
        if (b && b.prot === 'rw' && !b.populated) b.may = true;
      }
      return;
    default:
      return;
  }
}

function forked(parent: Space, pinned: (page: number) => boolean): Space {
  const child: Space = new Map();
  for (const [page, b] of parent) {
    const copied = !b.shared && pinned(page);
    if (!b.shared && !copied) b.may = false;
    child.set(page, {
      ...b,
      may: copied && b.prot === 'rw',
      populated: b.shared ? false : b.populated,
    });
  }
  return child;
}

/** A pin handle's pages, in the process that took it. */
interface Pin {
  pid: number;
  from: number;
  to: number;
}

export function checkWriteBits(s: Scenario, r: RunReport): string[] {
  const bad: string[] = [];
  const procs = new Map<number, Space>([[1, new Map()]]);
  // Over-approximated: a page mapped again after munmap under a live pin counts as pinned.
  const pins = new Map<number, Pin>();
  s.actions.forEach((a, i) => {
    const res = r.results[i];
    const pid = a.pid ?? 1;
    const sp = procs.get(pid);
    if (!res || !sp || res.status === 'ESRCH') return;
    if (a.op === 'fork') {
      const pinned = (page: number) =>
        [...pins.values()].some((k) => k.pid === pid && k.from <= page && page < k.to);
      if (res.status === 'ok' && res.pid !== undefined) procs.set(res.pid, forked(sp, pinned));
      return;
    }
    if (a.op === 'pin' && res.pin !== undefined)
      pins.set(res.pin, { pid, from: a.start, to: a.start + (res.pinned ?? 0) });
    if (a.op === 'unpin' && res.status === 'ok') pins.delete(a.pin);
    // An interleaved action runs before the outer one's fault round completes; where the two
    // race, no write of the outer action counts as certain.
    const inner = 'interleave' in a ? a.interleave : undefined;
    const ran = res.interleave && 'op' in res.interleave ? res.interleave.status : undefined;
    if (inner && ran) apply(sp, inner, ran, 0, false);
    apply(sp, a, res.status, res.cpages ?? 0, !inner);
    // An svm GPU fault, read or write, faults its whole range in with write intent
    // (hmm-model-v2.md P.4): any rw page of the aligned chunk-blocks the access touched.
    const svm = 'device' in a && s.config.devices.find((d) => d.name === a.device);
    if (svm && svm.driver === 'svm' && (a.op === 'dev_read' || a.op === 'dev_write')) {
      const chunk = svm.chunk ?? 4;
      const [from, to] = span(a);
      for (let p = from - (from % chunk); p < to + chunk - 1 - ((to - 1) % chunk); p++)
        if (sp.get(p)?.prot === 'rw') sp.get(p)!.may = true;
    }
  });
  const cpuWritable = new Set<string>();
  for (const p of r.pages) {
    if (!p.writable) continue;
    cpuWritable.add(`${p.pid}:${p.page}`);
    const b = procs.get(p.pid)?.get(p.page);
    if (!b || b.prot !== 'rw' || !(b.shared || b.may))
      bad.push(
        `pid ${p.pid} page ${p.page} (${p.cpu}) is writable, but ${!b || b.prot !== 'rw' ? `its VMA is ${b?.prot ?? 'gone'}` : 'nothing since it was write-protected could make it so'}`,
      );
  }
  for (const d of r.devices)
    for (const e of d.pageTable)
      if (e.writable && !cpuWritable.has(`${e.pid}:${e.page}`))
        bad.push(
          `${d.name} PTE for pid ${e.pid} page ${e.page} is writable over a read-only CPU entry`,
        );
  return bad;
}
