// Judges a run with fork against what each process can see of its own memory, with no HMM
// knowledge: after fork the child has the parent's mappings and values; a private page is
// the process's own from then on (copy on write), a MAP_SHARED page is one page for all.
// Device accesses and migrations on any process change nothing another process can see.
// For runs without interleaves, with host RAM enough for every page (forkScenarioArb,
// svmForkScenarioArb), where every value is certain.
import type { Action, Prot, Scenario } from '../../scenario/types.ts';
import type { ActionResult, RunReport } from '../result.ts';
import { ALLOWED, SVM_ALLOWED } from './check.ts';
import { span, writeValue } from './effects.ts';
import { checkWriteBits } from './writeBits.ts';

/** One page's contents: shared by the processes that map it MAP_SHARED. */
interface Cell {
  value: number;
}

interface MappedPage {
  prot: Prot;
  shared: boolean;
  cell: Cell;
}

type Space = Map<number, MappedPage>;

export function checkForkRun(s: Scenario, r: RunReport): string[] {
  const bad: string[] = [];
  const procs = new Map<number, Space>([[1, new Map()]]);
  const svm = new Set(s.config.devices.filter((d) => d.driver === 'svm').map((d) => d.name));
  const onSvm = (a: Action) => 'device' in a && svm.has(a.device);
  if (r.invariants.violations.length) bad.push(`invariants: ${JSON.stringify(r.invariants)}`);
  s.actions.forEach((a, i) => {
    const res = r.results[i];
    if (!res) return void bad.push(`#${i}: no result`);
    const say = (m: string) =>
      bad.push(`#${i} ${a.op} pid ${a.pid ?? 1}: ${m} (got ${JSON.stringify(res)})`);
    const space = procs.get(a.pid ?? 1);
    if (!space) {
      if (res.status !== 'ESRCH') say('a pid not forked yet must give ESRCH');
      return;
    }
    if (a.op === 'fork') {
      const pid = procs.size + 1;
      if (res.status !== 'ok' || res.pid !== pid) say(`fork must make pid ${pid}`);
      procs.set(pid, forked(space));
      return;
    }
    const allowed = (onSvm(a) && SVM_ALLOWED[a.op]) || ALLOWED[a.op];
    if (!allowed?.includes(res.status)) say(`status ${res.status} not possible here`);
    if (onSvm(a) && (a.op === 'dev_read' || a.op === 'dev_write')) judgeSvm(space, a, res, say);
    else judge(space, a, res, say);
  });
  for (const [pid, space] of procs) {
    const pages = r.pages.filter((p) => p.pid === pid);
    const got = pages.map((p) => p.page).join(',');
    const want = [...space.keys()].sort((x, y) => x - y).join(',');
    if (got !== want) bad.push(`pid ${pid}: final pages [${got}] but mapped [${want}]`);
    for (const p of pages) {
      const v = space.get(p.page)?.cell.value;
      if (v !== undefined && p.value !== v)
        bad.push(`pid ${pid} page ${p.page} = ${p.value}, not ${v}`);
    }
  }
  bad.push(...checkWriteBits(s, r));
  return bad;
}

function forked(parent: Space): Space {
  const child: Space = new Map();
  for (const [page, m] of parent)
    child.set(page, { ...m, cell: m.shared ? m.cell : { value: m.cell.value } });
  return child;
}

const readable = (sp: Space, p: number) => (sp.get(p)?.prot ?? 'none') !== 'none';
const writable = (sp: Space, p: number) => sp.get(p)?.prot === 'rw';

/** The first page of [s, e) that fails `ok`, or e. */
function firstNot(s: number, e: number, ok: (p: number) => boolean): number {
  let p = s;
  while (p < e && ok(p)) p++;
  return p;
}

function judge(sp: Space, a: Action, res: ActionResult, say: (m: string) => void): void {
  if (!('start' in a)) return; // release, fail_next_alloc: nothing a process sees
  const [s, e] = span(a);
  // The CPU goes page by page; a device faults its range in at once, so where one page of it
  // cannot be faulted in, it may return fewer of the pages before it.
  const byPage = a.op.startsWith('cpu');
  const read = (vals: number[] = []) => {
    const stop = firstNot(s, e, (p) => readable(sp, p));
    if (byPage ? vals.length !== stop - s : vals.length > stop - s)
      say(`read ${vals.length} pages, ${stop - s} readable`);
    vals.forEach((v, j) => {
      const want = sp.get(s + j)?.cell.value;
      if (v !== want) say(`page ${s + j} read ${v}, last written ${want}`);
    });
    if ((res.status === 'ok') !== (stop === e)) say('ok iff every page is readable');
  };
  switch (a.op) {
    case 'mmap':
      for (let p = s; p < e; p++)
        sp.set(p, { prot: a.prot, shared: !!a.shared, cell: { value: 0 } });
      return;
    case 'munmap':
      for (let p = s; p < e; p++) sp.delete(p);
      return;
    case 'mprotect': {
      const hole = firstNot(s, e, (p) => sp.has(p));
      for (let p = s; p < hole; p++) sp.get(p)!.prot = a.prot;
      if ((res.status === 'ENOMEM') !== hole < e) say('ENOMEM iff the range has a hole');
      return;
    }
    case 'cpu_read':
      return read(res.values);
    case 'dev_read':
      if ((res.cpages ?? 0) !== (res.values ?? []).length) say('cpages != values.length');
      return read(res.values);
    case 'cpu_write':
    case 'dev_write': {
      const stop = firstNot(s, e, (p) => writable(sp, p));
      const done = byPage ? stop : s + (res.cpages ?? 0);
      if (byPage ? done !== stop : done > stop)
        say(`wrote up to page ${done}, the first it may not write is ${stop}`);
      for (let p = s; p < Math.min(done, stop); p++) sp.get(p)!.cell.value = writeValue(a, p - s);
      const why =
        stop === e ? 'ok' : a.op === 'dev_write' && sp.get(stop)?.prot === 'r' ? 'EPERM' : 'EFAULT';
      if (res.status !== why) say(`expected ${why}`);
      return;
    }
    case 'migrate_to_device':
    case 'migrate_to_host':
      if (firstNot(s, e, (p) => readable(sp, p)) < e !== (res.status === 'EINVAL'))
        say('EINVAL iff a page is not readable');
      return;
    case 'make_exclusive': {
      const stop = firstNot(s, e, (p) => writable(sp, p));
      const shared = firstNot(s, stop, (p) => !sp.get(p)!.shared) < stop;
      const want = stop < e ? 'EFAULT' : shared ? 'EBUSY' : 'ok';
      if (res.status !== want) say(`expected ${want}`);
      return;
    }
    default:
      return; // snapshots change no value
  }
}

/** An svm GPU fault (hmm-model-v2.md P): it goes page by page through rw pages only, and stops
 *  at a hole (ENOENT) or at a page it may not write (EPERM, or EFAULT when the fault's range,
 *  made earlier, now reaches into a hole). */
function judgeSvm(
  sp: Space,
  a: Action & { start: number },
  res: ActionResult,
  say: (m: string) => void,
): void {
  const [s, e] = span(a);
  const stop = s + (res.cpages ?? 0);
  if (res.status === 'ok' && stop !== e) say('ok but not every page done');
  if (firstNot(s, stop, (p) => writable(sp, p)) < stop) say('went through a page not rw');
  if (res.status === 'ENOENT' && sp.has(stop)) say(`ENOENT at mapped page ${stop}`);
  if (res.status === 'EPERM' && !sp.has(stop)) say(`EPERM at unmapped page ${stop}`);
  if (res.status === 'EFAULT' && !writable(sp, stop)) say(`EFAULT at page ${stop}, not rw`);
  if (a.op === 'dev_read') {
    const vals = res.values ?? [];
    if (vals.length !== stop - s) say('cpages != values.length');
    vals.forEach((v, j) => {
      const want = sp.get(s + j)?.cell.value;
      if (v !== want) say(`page ${s + j} read ${v}, last written ${want}`);
    });
  } else if (a.op === 'dev_write')
    for (let p = s; p < stop; p++) sp.get(p)!.cell.value = writeValue(a, p - s);
}
