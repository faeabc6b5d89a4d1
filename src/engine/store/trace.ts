// The trace: every waypoint of a run as rows of numbers (rows.ts). A waypoint row holds its
// action, fn, call path, text site and where its args and changes end; a change row holds a
// kind, two indices and the packed before/after records (codec.ts). Call paths are nodes of a
// tree (callPaths.ts), texts a template site and packed args (textArgs.ts); strings are
// interned per trace. waypoint(i) materialises the public
// Waypoint on demand; applyChanges replays rows straight onto a world.
import type { CounterName, DevPage, VPage, World } from '../state.ts';
import type { Change, Waypoint } from '../trace.ts';
import {
  ChangeBlock,
  MASK,
  SIZE,
  devFrame,
  devFrameDev,
  devFrameFrame,
  SHIFT,
  ValueBlock,
  WaypointBlock,
  where,
  whereHi,
  whereLo,
} from './rows.ts';
import * as codec from './codec.ts';
import { Interner } from './interner.ts';
import { ZddTable } from './zddTable.ts';
import { COUNTER_INDEX, K, type Row } from './kinds.ts';
import { applyRow, toChange } from './rowChange.ts';
import { render, type Said } from './say.ts';
import { layerOf, subjectOf, type StoredSubject } from './subject.ts';
import { CallPaths } from './callPaths.ts';
import { TextArgs } from './textArgs.ts';

export { MAX_DEPTH, ROOT } from './callPaths.ts';

export class Trace {
  /** Waypoints recorded. */
  count = 0;
  private readonly wps: WaypointBlock[] = [];
  /** Change rows recorded, including those of the waypoint still open. */
  changes = 0;
  private readonly rows: ChangeBlock[] = [];
  private values = 0;
  private readonly valueRows: ValueBlock[] = [];
  private readonly fns = new Interner();
  private readonly paths = new CallPaths(this.fns);
  private readonly texts = new TextArgs();

  fnId = (name: string): number => this.fns.id(name);
  stringId = (s: string): number => this.texts.stringId(s);

  /** The call path `parent` › fn. */
  enter = (parent: number, fn: string): number => this.paths.enter(parent, fn);

  /** Device names, for subjects and driver layers. */
  devNames: readonly string[] = [];

  /** Length of node's call path. */
  depthOf = (node: number): number => this.paths.depth[node];

  /**
   * Closes a waypoint over the change rows recorded since the previous one. `parent`: the seq
   * of the enclosing span's first waypoint (or -1); then its subject as the flow knows it
   * (pid, pages [lo, hi), device, device frame; -1 where it has none).
   */
  addWaypoint(
    action: number,
    fn: string,
    node: number,
    text: Said,
    parent = -1,
    pid = -1,
    lo = -1,
    hi = -1,
    dev = -1,
    frame = -1,
  ): number {
    const i = this.count;
    if (i >>> SHIFT === this.wps.length) this.wps.push(new WaypointBlock());
    const b = this.wps[i >>> SHIFT];
    const o = i & MASK;
    b.site[o] = this.texts.add(text);
    b.action[o] = action;
    b.fn[o] = this.paths.fnIdAt(node, fn);
    b.node[o] = node;
    b.argEnd[o] = this.texts.slots.length;
    b.changeEnd[o] = this.changes;
    b.parent[o] = parent;
    b.pid[o] = pid;
    b.lo[o] = lo;
    b.hi[o] = hi;
    b.dev[o] = dev;
    b.frame[o] = frame;
    this.count = i + 1;
    return i;
  }

  /** Appends one change row to the open waypoint; b1/a1 are the values of host/device pages. */
  addChange(kind: K, i1: number, i2: number, b0: number, b1: number, a0: number, a1: number) {
    const j = this.changes;
    if (j >>> SHIFT === this.rows.length) this.rows.push(new ChangeBlock());
    const r = this.rows[j >>> SHIFT];
    const o = j & MASK;
    r.kind[o] = kind;
    r.before[o] = b0;
    r.after[o] = a0;
    if (kind === K.Host || kind === K.DevPage) {
      const v = this.values++;
      if (v >>> SHIFT === this.valueRows.length) this.valueRows.push(new ValueBlock());
      const vb = this.valueRows[v >>> SHIFT];
      vb.before[v & MASK] = b1;
      vb.after[v & MASK] = a1;
      // The value row replaces the index that host rows don't use and device rows fold in.
      r.where[o] = where(kind === K.Host ? i1 : devFrame(i1, i2), v);
    } else r.where[o] = where(i1, i2);
    this.changes = j + 1;
  }

  counterIndex = (name: CounterName): number => COUNTER_INDEX[name];

  private changeEnd = (i: number): number => this.wps[i >>> SHIFT].changeEnd[i & MASK];
  private argEnd = (i: number): number => this.wps[i >>> SHIFT].argEnd[i & MASK];

  /** Change rows [first, end) of waypoint i. */
  firstChange = (i: number): number => (i === 0 ? 0 : this.changeEnd(i - 1));
  endChange = (i: number): number => this.changeEnd(i);
  /** Change rows recorded since the last waypoint closed. */
  openChanges = (): number => this.changes - (this.count ? this.changeEnd(this.count - 1) : 0);

  fnOf = (i: number): string => this.fns.at(this.wps[i >>> SHIFT].fn[i & MASK]);
  actionOf = (i: number): number => this.wps[i >>> SHIFT].action[i & MASK];
  /** Arg slots of waypoint i's text (nested templates count their headers). */
  argCount = (i: number): number => this.argEnd(i) - (i === 0 ? 0 : this.argEnd(i - 1));

  nodeOf = (i: number): number => this.wps[i >>> SHIFT].node[i & MASK];
  parentOf = (i: number): number => this.wps[i >>> SHIFT].parent[i & MASK];
  depthAt = (i: number): number => this.paths.depth[this.nodeOf(i)];
  /** The function a path node adds, and the node it extends. */
  nodeFnName = (node: number): string => this.paths.name[node];
  nodeParentOf = (node: number): number => this.paths.parent[node];

  /** The subject of waypoint i as recorded (before its change rows refine it). */
  storedSubject(i: number, out: StoredSubject): StoredSubject {
    const b = this.wps[i >>> SHIFT];
    const o = i & MASK;
    out.pid = b.pid[o];
    out.lo = b.lo[o];
    out.hi = b.hi[o];
    out.dev = b.dev[o];
    out.frame = b.frame[o];
    return out;
  }

  pathOf = (i: number): string[] => this.paths.path(this.nodeOf(i));

  textOf(i: number): string {
    const from = i === 0 ? 0 : this.argEnd(i - 1);
    return render(this.texts.said(this.wps[i >>> SHIFT].site[i & MASK], from));
  }

  private readonly zddTable = new ZddTable();
  private zdd = (id: number): string | null => this.zddTable.at(id);

  /** Row j unpacked into `this.row` (one scratch object: seek replays thousands of rows). */
  private read(j: number): Row {
    const r = this.rows[j >>> SHIFT];
    const o = j & MASK;
    const x = this.row;
    x.kind = r.kind[o] as K;
    x.b0 = r.before[o];
    x.a0 = r.after[o];
    const hi = whereHi(r.where[o]);
    const lo = whereLo(r.where[o]);
    if (x.kind === K.Host || x.kind === K.DevPage) {
      const vb = this.valueRows[lo >>> SHIFT];
      x.b1 = vb.before[lo & MASK];
      x.a1 = vb.after[lo & MASK];
      x.i1 = x.kind === K.Host ? hi : devFrameDev(hi);
      // Stryker disable next-line ConditionalExpression: a host row's i2 is never read (toChange, applyRow and subjects use its i1 only)
      x.i2 = x.kind === K.Host ? 0 : devFrameFrame(hi);
    } else {
      x.i1 = hi;
      x.i2 = lo;
    }
    return x;
  }
  private readonly row: Row = { kind: K.Pte, i1: 0, i2: 0, b0: 0, b1: 0, a0: 0, a1: 0 };

  /** Change row j unpacked into a scratch row (valid until the next read). */
  rowAt = (j: number): Row => this.read(j);

  changeAt(j: number): Change {
    return toChange(this.read(j), this.zdd);
  }

  changesOf(i: number): Change[] {
    const out: Change[] = [];
    for (let j = this.firstChange(i); j < this.changeEnd(i); j++) out.push(this.changeAt(j));
    return out;
  }

  waypoint(i: number): Waypoint {
    const subject = subjectOf(this, i);
    return {
      seq: i,
      action: this.actionOf(i),
      fn: this.fnOf(i),
      text: this.textOf(i),
      layer: layerOf(this, i, subject),
      subject,
      depth: this.depthAt(i),
      parent: this.parentOf(i),
      path: this.pathOf(i),
      changes: this.changesOf(i),
    };
  }

  /** The PTE history of one page: every change row that set it, with the waypoint. */
  pteEvents(pid: number, page: number): { seq: number; after: VPage | null }[] {
    const out: { seq: number; after: VPage | null }[] = [];
    const at = where(pid, page);
    let i = 0;
    for (let j = 0; j < this.changes; j++) {
      const r = this.rows[j >>> SHIFT];
      if (r.kind[j & MASK] !== K.Pte || r.where[j & MASK] !== at) continue;
      while (this.changeEnd(i) <= j) i++;
      out.push({ seq: i, after: codec.unpackVPage(r.after[j & MASK]) });
    }
    return out;
  }

  /** Replays change rows [from, to) onto w, or rewinds them (last first). */
  applyRows(w: World, from: number, to: number, forward: boolean): void {
    if (forward) for (let j = from; j < to; j++) this.applyRow(w, j, true);
    else for (let j = to - 1; j >= from; j--) this.applyRow(w, j, false);
  }

  private applyRow(w: World, j: number, forward: boolean): void {
    applyRow(w, this.read(j), forward, this.zdd);
  }

  /** Bytes of row memory allocated (blocks are allocated whole). */
  bytes(): number {
    const wp = 4 + 2 + 2 + 2 + 4 + 4 + 4 + 4 + 4 + 4 + 1 + 2;
    const change = 1 + 8 + 8 + 8;
    return (
      (this.wps.length * wp + this.rows.length * change + this.valueRows.length * 16) * SIZE +
      this.texts.slots.blockCount * SIZE * 4
    );
  }

  /** Forgets waypoints from `first` on and every change row after them. */
  truncate(first: number): void {
    this.count = first;
    this.changes = first === 0 ? 0 : this.changeEnd(first - 1);
    this.texts.slots.length = first === 0 ? 0 : this.argEnd(first - 1);
    // Value rows are not indexed per waypoint: after a rollback the dropped ones stay unused.
    if (first === 0) this.values = 0;
  }

  /** Record setters' helpers: packing with this trace's string table. */
  /** The page in device `dev`'s `frame`, packed with the id of its zdd. */
  packDevPage(p: DevPage | null | undefined, dev: number, frame: number): number {
    if (!p) return codec.NONE;
    return codec.packDevMeta(p, p.zdd === null ? 0 : this.zddTable.id(p.zdd, dev, frame));
  }

  packHost = codec.packHostMeta;
  packVPage = codec.packVPage;
  packDevPte = codec.packDevPte;
}
