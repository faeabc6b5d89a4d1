// Judges one run against the oracle: every value read is the last value written, every status is
// one the contract allows for what the process can see, and the final pages agree.
import type { Action, Scenario } from '../../scenario/types.ts';
import type { ActionResult, RunReport, Status } from '../result.ts';
import { applyEffect, span, touches, writeValue } from './effects.ts';
import { Oracle } from './model.ts';
import { checkWriteBits } from './writeBits.ts';

export const ALLOWED: Record<string, Status[]> = {
  mmap: ['ok'],
  munmap: ['ok'],
  mprotect: ['ok', 'ENOMEM'],
  cpu_read: ['ok', 'EFAULT', 'ENOMEM'],
  cpu_write: ['ok', 'EFAULT', 'ENOMEM'],
  dev_read: ['ok', 'EFAULT'],
  dev_write: ['ok', 'EFAULT', 'EPERM'],
  migrate_to_device: ['ok', 'EINVAL', 'ENOENT'],
  migrate_to_host: ['ok', 'EINVAL', 'ENOMEM'],
  release: ['ok', 'ENOMEM'],
  make_exclusive: ['ok', 'EFAULT', 'EBUSY', 'ENOMEM'],
  check_exclusive: ['ok', 'EPERM'],
  snapshot: ['ok'],
  fail_next_alloc: ['ok'],
  pin: ['ok', 'EFAULT', 'ENOMEM', 'EBUSY'],
  unpin: ['ok', 'EINVAL'],
};

/** An svm device's GPU fault: no VMA → ENOENT, not read-write → EPERM, no host frame → EFAULT. */
export const SVM_ALLOWED: Record<string, Status[]> = {
  dev_read: ['ok', 'ENOENT', 'EPERM', 'EFAULT'],
  dev_write: ['ok', 'ENOENT', 'EPERM', 'EFAULT'],
};

const chunkOf = (s: Scenario, a: Action): number =>
  s.config.devices.find((d) => 'device' in a && d.name === a.device)?.chunk ?? 4;

export function checkRun(s: Scenario, r: RunReport): string[] {
  const bad: string[] = [];
  const svm = new Set(s.config.devices.filter((d) => d.driver === 'svm').map((d) => d.name));
  const onSvm = (a: Action) => 'device' in a && svm.has(a.device);
  const o = new Oracle();
  const pins = { next: 1, live: new Set<number>() };
  if (r.invariants.violations.length) bad.push(`invariants: ${JSON.stringify(r.invariants)}`);
  if (r.results.length !== s.actions.length) bad.push('results.length != actions.length');
  if (r.invariants.checked !== s.actions.length) bad.push('invariants.checked != actions.length');
  s.actions.forEach((a, i) => {
    const res = r.results[i];
    if (!res) return;
    const say = (m: string) => bad.push(`#${i} ${a.op}: ${m} (got ${JSON.stringify(res)})`);
    if (res.i !== i || res.op !== a.op) say('wrong i/op');
    if ((a.pid ?? 1) !== 1) {
      if (res.status !== 'ESRCH') say('a missing pid must give ESRCH');
      return;
    }
    const allowed = (onSvm(a) && SVM_ALLOWED[a.op]) || ALLOWED[a.op];
    if (!allowed?.includes(res.status)) say(`status ${res.status} not possible here`);
    // A device access or migration that failed cannot have gone through the whole range.
    const ranged = 'start' in a && a.op !== 'migrate_to_host';
    if (ranged && res.status !== 'ok' && (res.cpages ?? 0) >= (a.count ?? 1))
      say('failed, yet cpages covers the whole range');
    if (onSvm(a)) checkSvmAction(o, a, res, chunkOf(s, a), say);
    else if (a.op === 'pin' || a.op === 'unpin') checkPin(a, res, pins, o, say);
    else checkAction(o, a, res, say);
  });
  checkFinal(o, r, bad);
  checkCounters(s, r, bad, svm.size > 0);
  bad.push(...checkWriteBits(s, r));
  return bad;
}

/** Counters that must add up with the per-action results (scenario-format.md, "Counters"). */
function checkCounters(s: Scenario, r: RunReport, bad: string[], svm: boolean): void {
  const c = r.counters;
  const sum = (f: (x: ActionResult) => number | undefined) =>
    r.results.reduce((n, x) => n + (x.status === 'ESRCH' ? 0 : (f(x) ?? 0)), 0);
  const faults = sum((x) => x.faults);
  if (c.deviceFaults !== faults)
    bad.push(`deviceFaults ${c.deviceFaults} != sum of faults ${faults}`);
  const hidden = s.actions.some((a) => 'interleave' in a && a.interleave?.op.startsWith('migrate'));
  const migrated = sum((x) => (x.op === 'migrate_to_device' ? x.migrated : 0));
  // An svm GPU fault migrates without a `migrated` field.
  if (hidden || svm ? c.pagesToDevice < migrated : c.pagesToDevice !== migrated)
    bad.push(`pagesToDevice ${c.pagesToDevice}, sum of migrated ${migrated}`);
  const back = sum((x) => (x.op === 'migrate_to_host' || x.op === 'release' ? x.cpages : 0));
  if (c.pagesToHost < back) bad.push(`pagesToHost ${c.pagesToHost} < pages moved back ${back}`);
  // Every device frame handed out by a migration is in use or came back through page_free.
  // Pages in device memory (an svm chunk may own frames whose page was freed: count pages).
  const inUse = r.devices.reduce((n, d) => n + d.allocated.length, 0);
  if (c.pagesToDevice - c.pageFree !== inUse)
    bad.push(
      `pagesToDevice ${c.pagesToDevice} - pageFree ${c.pageFree} != pages on devices ${inUse}`,
    );
}

function checkAction(o: Oracle, a: Action, res: ActionResult, say: (m: string) => void): void {
  const [s, e] = 'start' in a ? span(a) : [0, 0];
  const count = e - s;
  const readAll = (ok: (p: number) => boolean) => o.firstNot(s, e, ok) === undefined;
  switch (a.op) {
    case 'mmap':
    case 'munmap':
    case 'mprotect': {
      const want = applyEffect(o, a, res.status);
      if (want !== res.status) say(`oracle expects ${want}`);
      return;
    }
    case 'cpu_write': {
      const f = o.firstNot(s, e, (p) => o.writable(p));
      if (res.status === 'ok' && f !== undefined) say(`page ${f} is not writable`);
      if (res.status === 'EFAULT' && f === undefined) say('every page is writable');
      // ENOMEM needs a writable page that wanted a frame before the first bad page.
      if (res.status === 'ENOMEM' && f === s) say('the first page is not writable: EFAULT');
      applyEffect(o, a, res.status);
      return;
    }
    case 'cpu_read': {
      const vals = res.values ?? [];
      checkValues(o, s, vals, say, o);
      const k = vals.length;
      if (res.status === 'ok' && k !== count) say('ok but not every page read');
      if (res.status === 'EFAULT' && (k >= count || o.readable(s + k)))
        say('EFAULT at a readable page');
      if (res.status === 'ENOMEM' && (k >= count || !o.readable(s + k)))
        say('ENOMEM at a bad page');
      for (let j = 0; j < k; j++) o.set(s + j, vals[j]);
      return;
    }
    case 'dev_read':
    case 'dev_write':
      checkRound(a, res, say);
      return a.op === 'dev_read' ? devRead(o, a, res, say) : devWrite(o, a, res, say);
    case 'migrate_to_device':
    case 'migrate_to_host': {
      const holes = !readAll((p) => o.readable(p));
      if (holes !== (res.status === 'EINVAL')) say('EINVAL iff a page is not readable');
      if (a.op === 'migrate_to_device' && res.status === 'ok' && res.cpages !== count)
        say('ok needs cpages = count');
      if ((res.cpages ?? 0) > count || (res.migrated ?? 0) > count) say('counts exceed the range');
      return;
    }
    case 'make_exclusive': {
      // Page by page: the first page that cannot be faulted in writable stops it (EFAULT); a
      // MAP_SHARED page is refused (not anonymous), which makes the whole call EBUSY, cpages 0.
      const f = o.firstNot(s, e, (p) => o.writable(p));
      const shared = o.firstNot(s, f ?? e, (p) => !o.pages.get(p)!.shared) !== undefined;
      const want = f !== undefined ? 'EFAULT' : shared ? 'EBUSY' : 'ok';
      // Out of host frames the fault-in fails like GUP does (ENOMEM), before any bad page.
      if (res.status !== want && !(res.status === 'ENOMEM' && f !== s))
        say(`oracle expects ${want}`);
      if (res.status === 'ok' ? res.cpages !== count : res.cpages !== 0)
        say('cpages must be the whole range on ok, else 0');
      return;
    }
    case 'snapshot': {
      const snap = res.snapshot ?? [];
      if (snap.length !== count) say('one snapshot entry per page');
      snap.forEach((x, j) => {
        const p = s + j;
        if (!o.readable(p) !== (x === 'error')) say(`page ${p}: error iff not readable`);
        if (o.prot(p) === 'r' && x.endsWith('write')) say(`page ${p}: write in a PROT_READ VMA`);
      });
      return;
    }
    default:
      return;
  }
}

/** pin acts like a CPU write that stores nothing; handles count up; unpin needs a live one. */
function checkPin(
  a: Action & { op: 'pin' | 'unpin' },
  res: ActionResult,
  pins: { next: number; live: Set<number> },
  o: Oracle,
  say: (m: string) => void,
): void {
  if (a.op === 'unpin') {
    if (pins.live.has(a.pin) !== (res.status === 'ok')) say('unpin ok iff the handle is live');
    pins.live.delete(a.pin);
    return;
  }
  const [s, e] = span(a);
  const n = res.pinned ?? -1;
  const f = o.firstNot(s, e, (p) => o.writable(p));
  if (res.status === 'ok' && (f !== undefined || n !== e - s)) say('ok needs every page pinned');
  if (res.status === 'EFAULT' && (f === undefined || n !== f - s))
    say('EFAULT at the first page without write permission, pinned = the pages before');
  if (res.status === 'ENOMEM' && f !== undefined && n >= f - s) say('ENOMEM past a bad page');
  if (res.status === 'EBUSY' && n !== 0) say('EBUSY pins nothing');
  if (n > 0) {
    if (res.pin !== pins.next) say(`handle ${res.pin}, expected ${pins.next}`);
    pins.live.add(pins.next++);
  } else if (res.pin !== undefined) say('a handle for nothing pinned');
}

/** One fault round maps every valid page of the rest of the range, so there is never a second;
 * the interleave runs iff a round started (a failed round counts no fault but ran it). */
function checkRound(a: Action, res: ActionResult, say: (m: string) => void): void {
  const faults = res.faults ?? 0;
  if (faults > 1) say('a second fault round');
  if (!('interleave' in a) || !a.interleave) {
    if (res.interleave) say('interleave reported but none asked');
    return;
  }
  if (!res.interleave) return say('interleave result missing');
  const ran = 'op' in res.interleave;
  if ('op' in res.interleave && res.interleave.op !== a.interleave.op) say('interleave op differs');
  if (faults === 1 && !ran) say('a fault round ran without its interleave');
  if (res.status === 'ok' && faults === 0 && ran) say('interleave ran without a fault round');
}

/** Values read from pages s.. must be values those pages may hold (in `o` or `alt`). */
function checkValues(o: Oracle, s: number, vals: number[], say: (m: string) => void, alt: Oracle) {
  vals.forEach((v, j) => {
    const p = s + j;
    if (!o.readable(p) && !alt.readable(p)) say(`read page ${p} that is not readable`);
    else if (!o.mayHold(p, v) && !alt.mayHold(p, v))
      say(`page ${p} read ${v}, last written ${JSON.stringify(o.pages.get(p)?.vals)}`);
  });
}

function interleaved(o: Oracle, a: Action, res: ActionResult): Oracle | undefined {
  if (!('interleave' in a) || !a.interleave || !res.interleave) return undefined;
  if (!('op' in res.interleave)) return undefined;
  const post = o.clone();
  applyEffect(post, a.interleave, res.interleave.status);
  return post;
}

function devRead(
  o: Oracle,
  a: Action & { op: 'dev_read' },
  res: ActionResult,
  say: (m: string) => void,
) {
  const [s, e] = span(a);
  const vals = res.values ?? [];
  if ((res.cpages ?? 0) !== vals.length) say('cpages != values.length');
  if (res.status === 'ok' && vals.length !== e - s) say('ok but not every page read');
  const post = interleaved(o, a, res);
  checkValues(o, s, vals, say, post ?? o);
  if (post) {
    o.pages = post.pages;
    return;
  }
  vals.forEach((v, j) => o.set(s + j, v));
}

function devWrite(
  o: Oracle,
  a: Action & { op: 'dev_write' },
  res: ActionResult,
  say: (m: string) => void,
) {
  const [s, e] = span(a);
  const c = res.cpages ?? 0;
  if (res.status === 'ok' && c !== e - s) say('ok but not every page written');
  const post = interleaved(o, a, res);
  if (!post) {
    if (o.firstNot(s, s + c, (p) => o.writable(p)) !== undefined) say('wrote a non-writable page');
    const f = o.firstNot(s + c, e, (p) => o.writable(p));
    if (res.status === 'EPERM' && (f === undefined || o.prot(f) !== 'r'))
      say('EPERM needs a PROT_READ page where the write stopped');
    applyEffect(o, a, res.status, c);
    return;
  }
  // The device wrote pages s..s+c some before, some after the interleaved action.
  const pre = o.clone();
  applyEffect(pre, a, res.status, c);
  o.pages = post.pages;
  for (let p = s; p < s + c; p++) {
    if (!o.pages.has(p)) continue;
    const w = writeValue(a, p - s);
    if (touches(a.interleave!, p) || !pre.pages.has(p)) o.maybe(p, w);
    else o.set(p, w);
  }
}

function checkFinal(o: Oracle, r: RunReport, bad: string[]): void {
  const mine = r.pages.filter((p) => p.pid === 1);
  const got = mine.map((p) => p.page).join(',');
  const want = [...o.pages.keys()].sort((x, y) => x - y).join(',');
  if (got !== want) bad.push(`final pages [${got}] but mapped [${want}]`);
  let hostUsed = 0;
  const onDev = new Map<string, number>();
  for (const p of mine) {
    if (o.pages.has(p.page) && !o.mayHold(p.page, p.value))
      bad.push(
        `final page ${p.page} = ${p.value}, oracle ${JSON.stringify(o.pages.get(p.page)?.vals)}`,
      );
    const loc = {
      none: 'none',
      zero: 'host',
      present: 'host',
      'device-exclusive': 'host',
    } as const;
    const dev = r.devices.find((d) => d.name === p.location);
    // A coherent device's page is present (or device-exclusive) where the device holds it.
    const coherentHere =
      (p.cpu === 'present' || p.cpu === 'device-exclusive') && dev?.memory === 'coherent';
    if (p.cpu === 'device-private' || coherentHere) {
      onDev.set(p.location, (onDev.get(p.location) ?? 0) + (p.pinned ? 0 : 1));
      if (!dev) bad.push(`page ${p.page} on ${p.location}`);
      if (p.cpu === 'device-private' && dev?.memory === 'coherent')
        bad.push(`page ${p.page}: device-private in coherent memory`);
      if (p.cpu === 'device-private' && p.pinned) bad.push(`page ${p.page}: a pinned private page`);
    } else if (loc[p.cpu] !== p.location) bad.push(`page ${p.page}: ${p.cpu} at ${p.location}`);
    if ((p.cpu === 'none' || p.cpu === 'zero') && p.writable)
      bad.push(`page ${p.page}: writable ${p.cpu}`);
    if (p.cpu === 'device-exclusive' && o.pages.get(p.page)?.shared)
      bad.push(`page ${p.page}: MAP_SHARED yet device-exclusive`);
    if ((p.cpu === 'present' || p.cpu === 'device-exclusive') && !coherentHere && !p.pinned)
      hostUsed++;
  }
  // Pinned frames are counted by the report itself, mapped or not (a pin outlives munmap).
  hostUsed += r.hostFrames.pinned ?? 0;
  for (const d of r.devices) onDev.set(d.name, (onDev.get(d.name) ?? 0) + (d.pinned ?? 0));
  checkMirrors(r, bad);
  // Without fork every frame backs exactly one page of pid 1 — or is pinned (a pin outlives
  // munmap: the frame stays allocated, mapped by nobody).
  const inUse = r.hostFrames.total - r.hostFrames.free;
  if (inUse < hostUsed || inUse > hostUsed + (r.hostFrames.pinned ?? 0))
    bad.push(
      `host frames in use ${r.hostFrames.total - r.hostFrames.free}, pages on host ${hostUsed}`,
    );
  for (const d of r.devices) {
    if (d.allocated.length !== (onDev.get(d.name) ?? 0))
      bad.push(`${d.name}: ${d.allocated.length} pages held, ${onDev.get(d.name) ?? 0} on it`);
    if (d.chunks && d.frames - d.free !== d.chunks.reduce((n, ch) => n + ch.count, 0))
      bad.push(`${d.name}: ${d.frames - d.free} frames used, chunks own another number`);
  }
}

/** Invariant 3 seen from the report: a device PTE matches what the CPU maps there, never more. */
function checkMirrors(r: RunReport, bad: string[]): void {
  const cpu = new Map(r.pages.filter((p) => p.pid === 1).map((p) => [p.page, p]));
  for (const d of r.devices) {
    for (const e of d.pageTable) {
      const p = cpu.get(e.page);
      const at = `${d.name} PTE page ${e.page} (${e.target} ${e.frame})`;
      if (!p) {
        bad.push(`${at} outside any VMA`);
        continue;
      }
      const fits =
        e.target === d.name && p.cpu === 'device-private'
          ? p.location === d.name
          : e.target !== 'host'
            ? (p.cpu === 'present' || p.cpu === 'device-exclusive') && p.location === e.target
            : e.target === 'host' &&
              (e.frame === 'zero'
                ? p.cpu === 'zero'
                : p.cpu === 'present' || p.cpu === 'device-exclusive');
      if (!fits) bad.push(`${at} but the CPU has ${p.cpu} at ${p.location}`);
      if (e.writable && !p.writable) bad.push(`${at} writable over a read-only CPU entry`);
      if (e.atomic && p.cpu !== 'device-exclusive') bad.push(`${at} atomic over ${p.cpu}`);
    }
  }
}

/**
 * An svm device's access (hmm-model-v2.md P): page by page, each missing page faults a whole
 * range in; the access stops at the first page whose VMA is missing (ENOENT) or not read-write
 * (EPERM, reads too), or with EFAULT when host RAM runs out. Other svm ops change no value.
 */
function checkSvmAction(
  o: Oracle,
  a: Action,
  res: ActionResult,
  chunk: number,
  say: (m: string) => void,
): void {
  if (a.op !== 'dev_read' && a.op !== 'dev_write') return checkAction(o, a, res, say);
  const [s, e] = span(a);
  const c = res.cpages ?? 0;
  if (res.status === 'ok' && c !== e - s) say('ok but not every page done');
  const stop = s + c;
  if (o.firstNot(s, stop, (p) => o.writable(p)) !== undefined) say('went through a page not rw');
  if (res.status === 'ENOENT' && o.pages.has(stop)) say(`ENOENT at mapped page ${stop}`);
  // The fault's range is an aligned block of at most `chunk` pages around the page; a range
  // made earlier may since reach into a VMA that lost write permission (EPERM) or into a hole
  // (EFAULT), and EFAULT also means host RAM ran out.
  const from = stop - (stop % chunk);
  const notRw = o.firstNot(from, from + chunk, (p) => !o.pages.has(p) || o.writable(p));
  if (res.status === 'EPERM' && (!o.pages.has(stop) || (o.writable(stop) && notRw === undefined)))
    say(`EPERM at page ${stop}, which is ${o.prot(stop) ?? 'unmapped'}`);
  if (res.status === 'EFAULT' && !o.writable(stop)) say(`EFAULT at page ${stop}, not rw`);
  if ((res.faults ?? 0) > c + (res.status === 'ok' ? 0 : 1)) say('more faults than pages');
  if (a.op === 'dev_read') {
    const vals = res.values ?? [];
    if (vals.length !== c) say('cpages != values.length');
    checkValues(o, s, vals, say, o);
    vals.forEach((v, j) => o.set(s + j, v));
  } else for (let p = s; p < stop; p++) o.set(p, writeValue(a, p - s));
}
