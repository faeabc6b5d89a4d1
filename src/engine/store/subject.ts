// A waypoint's subject and layer, read back from its row. The flow records what it knows (the
// action's process, pages and device, narrowed per page or frame where it works on one); the
// waypoint's change rows then refine that: a PTE it changes names the process and a page the
// subject must cover, a device frame it changes names the device and, alone, the frame. So a
// new flow gets subjects that agree with its changes without saying anything more.
import { isCallerLayer, layerKind, type Layer } from '../layers.ts';
import type { Subject } from '../trace.ts';
import { K } from './kinds.ts';
import type { Trace } from './trace.ts';

export interface StoredSubject {
  pid: number;
  lo: number;
  hi: number;
  dev: number;
  frame: number;
}

// Stryker disable next-line UnaryOperator: storedSubject overwrites every field before any is read
const scratch: StoredSubject = { pid: -1, lo: -1, hi: -1, dev: -1, frame: -1 };

/** The subject as numbers (-1: none), refined by the waypoint's change rows. */
function subjectNumbers(t: Trace, i: number): StoredSubject {
  const s = t.storedSubject(i, scratch);
  const from = t.firstChange(i);
  const to = t.endChange(i);
  // Pages: of the subject's process if the waypoint changes its PTEs, else of the first
  // process whose PTEs it changes.
  let ptePid = -1;
  let ownPte = false;
  let otherDev = -1;
  let ownDev = false;
  for (let j = from; j < to; j++) {
    const r = t.rowAt(j);
    if (r.kind === K.Pte) {
      if (r.i1 === s.pid) ownPte = true;
      else if (ptePid === -1) ptePid = r.i1;
    } else if (
      r.kind === K.DevPage ||
      r.kind === K.DevPte ||
      r.kind === K.Seq ||
      r.kind === K.Flag
    ) {
      if (r.i1 === s.dev) ownDev = true;
      else if (otherDev < 0) otherDev = r.i1;
    }
  }
  // Stryker disable next-line EqualityOperator: `> 0` is equivalent: pids start at 1, so no pid is 0
  if (!ownPte && ptePid >= 0) {
    s.pid = ptePid;
    s.lo = s.hi = -1;
  }
  if (!ownDev && otherDev >= 0) {
    s.dev = otherDev;
    s.frame = -1;
  }
  // Stryker disable next-line ConditionalExpression,EqualityOperator: a shortcut: with no PTE of any process and no device changed, the loop below finds no row to refine by; `ptePid <= 0`: pids start at 1, so no pid is 0
  if (!ownPte && ptePid < 0 && !ownDev && otherDev < 0) return s;
  // The pages changed must lie in the subject's range; one device frame changed is the frame.
  let f0 = -1;
  let several = false;
  let storedFrameSeen = false;
  for (let j = from; j < to; j++) {
    const r = t.rowAt(j);
    if (r.kind === K.Pte && r.i1 === s.pid) {
      if (s.lo < 0) {
        s.lo = r.i2;
        s.hi = r.i2 + 1;
      } else {
        s.lo = Math.min(s.lo, r.i2);
        s.hi = Math.max(s.hi, r.i2 + 1);
      }
    } else if (r.kind === K.DevPage && r.i1 === s.dev) {
      if (r.i2 === s.frame) storedFrameSeen = true;
      if (f0 < 0) f0 = r.i2;
      else if (r.i2 !== f0) several = true;
    }
  }
  if (f0 >= 0 && !several) s.frame = f0;
  else if (several && !storedFrameSeen) s.frame = -1;
  return s;
}

export function subjectOf(t: Trace, i: number): Subject {
  const s = subjectNumbers(t, i);
  const out: Subject = {};
  // Stryker disable next-line EqualityOperator: `> 0` is equivalent: pids start at 1, so no pid is 0
  if (s.pid >= 0) out.pid = s.pid;
  if (s.lo >= 0) out.pages = [s.lo, s.hi];
  if (s.dev >= 0) out.device = t.devNames[s.dev] ?? `dev${s.dev}`;
  // Stryker disable next-line ConditionalExpression: `s.dev >= 0` -> true is equivalent: a frame is only ever recorded or refined together with its device (aboutDevice sets both; a switch to another device resets the frame)
  if (s.dev >= 0 && s.frame >= 0) out.frame = s.frame;
  return out;
}

/** The layer kind of waypoint i: its fn's, or for a helper its caller's (the call path's). */
function layerKindOf(t: Trace, i: number): 'cpu' | 'mm' | 'hmm' | 'driver' {
  const fn = t.fnOf(i);
  if (!isCallerLayer(fn)) return layerKind(fn) ?? 'mm';
  for (let n = t.nodeOf(i); n !== 0; n = t.nodeParentOf(n)) {
    const k = layerKind(t.nodeFnName(n));
    if (k) return k;
  }
  return 'mm';
}

export function layerOf(t: Trace, i: number, subject: Subject): Layer {
  const k = layerKindOf(t, i);
  return k === 'driver' ? `driver:${subject.device ?? '?'}` : k;
}
