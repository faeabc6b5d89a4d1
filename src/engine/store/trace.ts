// The trace: every waypoint of a run as rows of numbers. A waypoint row holds its action, fn,
// call path, text site and where its args and changes end; a change row holds a kind, two
// indices and the packed before/after records (codec.ts). Strings (fn names, call paths,
// template sites, string args) are interned per trace. waypoint(i) materialises the public
// Waypoint on demand; applyChanges replays rows straight onto a world.
import type { CounterName, DevPage, VPage, World } from '../state.ts';
import type { Change, Waypoint } from '../trace.ts';
import { grown } from './columns.ts';
import * as codec from './codec.ts';
import { render, type Arg, type Said } from './say.ts';

/** Change row kinds. */
export const K = {
  Pte: 0,
  Host: 1,
  DevPage: 2,
  DevPte: 3,
  Seq: 4,
  Ctr: 5,
  Flag: 6,
  Proc: 7,
  Expect: 8,
} as const;
export type K = (typeof K)[keyof typeof K];

export const COUNTERS: readonly CounterName[] = [
  'cpuFaults',
  'deviceFaults',
  'migrateToRam',
  'pagesToDevice',
  'pagesToHost',
  'pageFree',
  'invalidations',
  'rangeFaultRetries',
];
const COUNTER_INDEX = Object.fromEntries(COUNTERS.map((n, i) => [n, i])) as Record<
  CounterName,
  number
>;

// Args share one Float64Array: numbers as themselves (scenario values are 32-bit integers),
// interned strings, booleans and nested templates (site, then arg count, then its args) above.
const STRING_ARG = 2 ** 40;
const BOOL_ARG = 2 ** 41;
const SAID_ARG = 2 ** 42;

/** Path node 0 is the empty call path; node n extends parent[n] by fn[n]. */
export const ROOT = 0;

export class Trace {
  /** Waypoints recorded. */
  count = 0;
  private action = new Int32Array(1024);
  private fn = new Uint16Array(1024);
  private node = new Int32Array(1024);
  private site = new Uint16Array(1024);
  private argEnd = new Uint32Array(1024);
  private changeEnd = new Uint32Array(1024);

  /** Change rows recorded, including those of the waypoint still open. */
  changes = 0;
  private kind = new Uint8Array(1024);
  private i1 = new Int32Array(1024);
  /** Pages and ptKeys (which outgrow 32 bits past pid 32768). */
  private i2 = new Float64Array(1024);
  private b0 = new Float64Array(1024);
  private b1 = new Float64Array(1024);
  private a0 = new Float64Array(1024);
  private a1 = new Float64Array(1024);

  private nargs = 0;
  private args = new Float64Array(1024);

  private readonly fns: string[] = [];
  private readonly fnIds = new Map<string, number>();
  private readonly sites: TemplateStringsArray[] = [];
  private readonly siteIds = new Map<TemplateStringsArray, number>();
  private readonly strings: string[] = [];
  private readonly stringIds = new Map<string, number>();
  private readonly nodeParent: number[] = [-1];
  private readonly nodeFn: number[] = [-1];
  private readonly nodeIds = new Map<number, number>();

  fnId(name: string): number {
    let id = this.fnIds.get(name);
    if (id === undefined) {
      id = this.fns.length;
      this.fns.push(name);
      this.fnIds.set(name, id);
    }
    return id;
  }

  stringId(s: string): number {
    let id = this.stringIds.get(s);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(s);
      this.stringIds.set(s, id);
    }
    return id;
  }

  /** The call path `parent` › fn. */
  enter(parent: number, fn: string): number {
    const key = parent * 4096 + this.fnId(fn);
    let id = this.nodeIds.get(key);
    if (id === undefined) {
      id = this.nodeParent.length;
      this.nodeParent.push(parent);
      this.nodeFn.push(this.fnId(fn));
      this.nodeIds.set(key, id);
    }
    return id;
  }

  /** Closes a waypoint over the change rows recorded since the previous one. */
  addWaypoint(action: number, fn: string, node: number, text: Said): number {
    const i = this.count;
    if (i === this.action.length) this.growWaypoints(i + 1);
    this.site[i] = this.siteId(text.site);
    this.packArgs(text.args);
    this.action[i] = action;
    this.fn[i] = this.fnId(fn);
    this.node[i] = node;
    this.argEnd[i] = this.nargs;
    this.changeEnd[i] = this.changes;
    this.count = i + 1;
    return i;
  }

  private growWaypoints(need: number): void {
    this.action = grown(this.action, need);
    this.fn = grown(this.fn, need);
    this.node = grown(this.node, need);
    this.site = grown(this.site, need);
    this.argEnd = grown(this.argEnd, need);
    this.changeEnd = grown(this.changeEnd, need);
  }

  private siteId(site: TemplateStringsArray): number {
    let id = this.siteIds.get(site);
    if (id === undefined) {
      id = this.sites.length;
      this.sites.push(site);
      this.siteIds.set(site, id);
    }
    return id;
  }

  private packArgs(args: readonly Arg[]): void {
    for (let k = 0; k < args.length; k++) {
      const a = args[k];
      if (typeof a === 'number') this.pushArg(a);
      else if (typeof a === 'string') this.pushArg(STRING_ARG + this.stringId(a));
      else if (typeof a === 'boolean') this.pushArg(BOOL_ARG + (a ? 1 : 0));
      else {
        this.pushArg(SAID_ARG + this.siteId(a.site));
        this.pushArg(a.args.length);
        this.packArgs(a.args);
      }
    }
  }

  private pushArg(x: number): void {
    if (this.nargs === this.args.length) this.args = grown(this.args, this.nargs + 1);
    this.args[this.nargs++] = x;
  }

  /** Decodes the args from slot k on; returns them and the slot after. */
  private unpackArgs(k: number, n: number): [Arg[], number] {
    const out: Arg[] = [];
    while (out.length < n) {
      const x = this.args[k++];
      if (x >= SAID_ARG) {
        const [args, next] = this.unpackArgs(k + 1, this.args[k]);
        out.push({ site: this.sites[x - SAID_ARG], args });
        k = next;
      } else if (x >= BOOL_ARG) out.push(x === BOOL_ARG + 1);
      else if (x >= STRING_ARG) out.push(this.strings[x - STRING_ARG]);
      else out.push(x);
    }
    return [out, k];
  }

  /** Appends one change row to the open waypoint. */
  addChange(kind: K, i1: number, i2: number, b0: number, b1: number, a0: number, a1: number) {
    const j = this.changes;
    if (j === this.kind.length) this.growChanges(j + 1);
    this.kind[j] = kind;
    this.i1[j] = i1;
    this.i2[j] = i2;
    this.b0[j] = b0;
    this.b1[j] = b1;
    this.a0[j] = a0;
    this.a1[j] = a1;
    this.changes = j + 1;
  }

  private growChanges(need: number): void {
    this.kind = grown(this.kind, need);
    this.i1 = grown(this.i1, need);
    this.i2 = grown(this.i2, need);
    this.b0 = grown(this.b0, need);
    this.b1 = grown(this.b1, need);
    this.a0 = grown(this.a0, need);
    this.a1 = grown(this.a1, need);
  }

  counterIndex = (name: CounterName): number => COUNTER_INDEX[name];

  /** Change rows [first, end) of waypoint i. */
  firstChange = (i: number): number => (i === 0 ? 0 : this.changeEnd[i - 1]);
  endChange = (i: number): number => this.changeEnd[i];
  /** Change rows recorded since the last waypoint closed. */
  openChanges = (): number => this.changes - (this.count ? this.changeEnd[this.count - 1] : 0);

  fnOf = (i: number): string => this.fns[this.fn[i]];
  /** Arg slots of waypoint i's text (nested templates count their headers). */
  argCount = (i: number): number => this.argEnd[i] - (i === 0 ? 0 : this.argEnd[i - 1]);
  actionOf = (i: number): number => this.action[i];

  pathOf(i: number): string[] {
    const out: string[] = [];
    for (let n = this.node[i]; n !== ROOT; n = this.nodeParent[n])
      out.push(this.fns[this.nodeFn[n]]);
    return out.reverse();
  }

  textOf(i: number): string {
    const from = i === 0 ? 0 : this.argEnd[i - 1];
    const site = this.sites[this.site[i]];
    return render({ site, args: this.unpackArgs(from, site.length - 1)[0] });
  }

  private zdd = (id: number): string | null => (id === 0 ? null : this.strings[id - 1]);

  changeAt(j: number): Change {
    const i1 = this.i1[j];
    const i2 = this.i2[j];
    switch (this.kind[j] as K) {
      case K.Pte:
        return {
          k: 'pte',
          pid: i1,
          page: i2,
          before: codec.unpackVPage(this.b0[j]),
          after: codec.unpackVPage(this.a0[j]),
        };
      case K.Host:
        return {
          k: 'host',
          frame: i1,
          before: codec.unpackHostPage(this.b0[j], this.b1[j]),
          after: codec.unpackHostPage(this.a0[j], this.a1[j]),
        };
      case K.DevPage:
        return {
          k: 'dpage',
          dev: i1,
          frame: i2,
          before: codec.unpackDevPage(this.b0[j], this.b1[j], this.zdd),
          after: codec.unpackDevPage(this.a0[j], this.a1[j], this.zdd),
        };
      case K.DevPte:
        return {
          k: 'dpte',
          dev: i1,
          key: i2,
          before: codec.unpackDevPte(this.b0[j]),
          after: codec.unpackDevPte(this.a0[j]),
        };
      case K.Seq:
        return { k: 'seq', dev: i1, before: this.b0[j], after: this.a0[j] };
      case K.Ctr:
        return { k: 'ctr', name: COUNTERS[i1], by: this.a0[j] };
      case K.Flag:
        return { k: 'flag', dev: i1, before: this.b0[j] === 1, after: this.a0[j] === 1 };
      case K.Proc:
        return { k: 'proc', pid: i1, add: this.a0[j] === 1 };
      case K.Expect:
        return {
          k: 'expect',
          key: i2,
          before: Number.isNaN(this.b0[j]) ? undefined : this.b0[j],
          after: Number.isNaN(this.a0[j]) ? undefined : this.a0[j],
        };
    }
  }

  changesOf(i: number): Change[] {
    const out: Change[] = [];
    for (let j = this.firstChange(i); j < this.changeEnd[i]; j++) out.push(this.changeAt(j));
    return out;
  }

  waypoint(i: number): Waypoint {
    return {
      seq: i,
      action: this.action[i],
      fn: this.fnOf(i),
      text: this.textOf(i),
      path: this.pathOf(i),
      changes: this.changesOf(i),
    };
  }

  /** The PTE history of one page: every change row that set it, with the waypoint. */
  pteEvents(pid: number, page: number): { seq: number; after: VPage | null }[] {
    const out: { seq: number; after: VPage | null }[] = [];
    let i = 0;
    for (let j = 0; j < this.changes; j++) {
      if (this.kind[j] !== K.Pte || this.i1[j] !== pid || this.i2[j] !== page) continue;
      while (this.changeEnd[i] <= j) i++;
      out.push({ seq: i, after: codec.unpackVPage(this.a0[j]) });
    }
    return out;
  }

  /** Replays change rows [from, to) onto w, or rewinds them (last first). */
  applyRows(w: World, from: number, to: number, forward: boolean): void {
    if (forward) for (let j = from; j < to; j++) this.applyRow(w, j, true);
    else for (let j = to - 1; j >= from; j--) this.applyRow(w, j, false);
  }

  private applyRow(w: World, j: number, forward: boolean): void {
    const x = forward ? this.a0[j] : this.b0[j];
    const y = forward ? this.a1[j] : this.b1[j];
    const i1 = this.i1[j];
    const i2 = this.i2[j];
    switch (this.kind[j] as K) {
      case K.Pte: {
        const pages = w.procs[i1].pages;
        const v = codec.unpackVPage(x);
        if (v) pages[i2] = v;
        else delete pages[i2];
        return;
      }
      case K.Host:
        w.hostFrames[i1] = codec.unpackHostPage(x, y);
        return;
      case K.DevPage: {
        const frames = w.devices[i1].frames;
        const p = codec.unpackDevPage(x, y, this.zdd);
        if (p) frames[i2] = p;
        else frames.length = Math.min(frames.length, i2);
        return;
      }
      case K.DevPte: {
        const pt = w.devices[i1].pt;
        const p = codec.unpackDevPte(x);
        if (p) pt[i2] = p;
        else delete pt[i2];
        return;
      }
      case K.Seq:
        w.devices[i1].seq = x;
        return;
      case K.Flag:
        w.devices[i1].failNextAlloc = x === 1;
        return;
      case K.Ctr:
        w.counters[COUNTERS[i1]] += forward ? this.a0[j] : -this.a0[j];
        return;
      case K.Expect:
        if (Number.isNaN(x)) delete w.expect[i2];
        else w.expect[i2] = x;
        return;
      case K.Proc:
        if ((this.a0[j] === 1) === forward) w.procs[i1] = { pid: i1, pages: {} };
        else delete w.procs[i1];
        return;
    }
  }

  /** Forgets waypoints from `first` on and every change row after them. */
  truncate(first: number): void {
    this.count = first;
    this.changes = first === 0 ? 0 : this.changeEnd[first - 1];
    this.nargs = first === 0 ? 0 : this.argEnd[first - 1];
  }

  /** Record setters' helpers: packing with this trace's string table. */
  packDevPage = (p: DevPage | null | undefined): number =>
    p ? codec.packDevMeta(p, p.zdd === null ? 0 : this.stringId(p.zdd) + 1) : codec.NONE;
  packHost = codec.packHostMeta;
  packVPage = codec.packVPage;
  packDevPte = codec.packDevPte;
}
