// The run as a flame chart per layer: every call becomes a span over the waypoints it covers,
// nested under its caller, in the lane of its layer (callLayers.ts). Built in the worker and
// shipped as typed arrays, so a 131k-waypoint run costs the UI thread no object per span.
import type { LayerKind } from '../engine/layers.ts';
import { kindByName, kindOf, laneOrder } from './callLayers.ts';

/** What the builder reads of waypoint i. Optional fields are the engine's structured ones. */
export interface CallSource {
  count: number;
  devices: readonly string[];
  fn(i: number): string;
  path(i: number): readonly string[];
  action(i: number): number;
  /** The waypoint's `layer`: where its fn runs (cpu, mm, hmm, driver:<device>). */
  layer(i: number): string;
  /** Name of the device the waypoint acts on (its subject's), when it acts on one. */
  device(i: number): string | undefined;
  /** Contract point 2: the waypoint sets a device page's zone_device_data. */
  setsZdd(i: number): boolean;
}

/** Contract crossings: 0 a plain call into another layer, 1–3 the contract points. */
type CrossingKind = 0 | 1 | 2 | 3;

export interface SwimlaneData {
  count: number;
  /** Layers in lane order (cpu, mm, hmm, driver:<device>…) and each lane's nesting depth. */
  lanes: string[];
  laneRows: number[];
  fns: string[];
  /** Per span (in opening order: a caller before its callees). `end` is inclusive. */
  start: Int32Array;
  end: Int32Array;
  fn: Uint16Array;
  lane: Uint8Array;
  level: Uint8Array;
  parent: Int32Array;
  /** Spans by row (lane, level), each row by start; row r is rowSpans[rowStart[r]..rowStart[r+1]). */
  rowSpans: Int32Array;
  rowStart: Int32Array;
  /** Per crossing: waypoint, the lane/level it leaves and enters, and its kind. */
  xSeq: Int32Array;
  xFrom: Uint8Array;
  xFromLevel: Uint8Array;
  xTo: Uint8Array;
  xToLevel: Uint8Array;
  xKind: Uint8Array;
}

interface Open {
  name: string;
  span: number;
}

/** The CPU access each waypoint belongs to: the cpu_* waypoint that completes it, or -1. */
function cpuAccesses(src: CallSource): Int32Array {
  const owner = new Int32Array(src.count).fill(-1);
  let from = 0;
  for (let i = 0; i < src.count; i++) {
    if (i > 0 && src.action(i) !== src.action(i - 1)) from = i;
    const isAccess = src.path(i).length === 0 && layerKind(src, i, src.fn(i)) === 'cpu';
    if (!isAccess) continue;
    owner.fill(i, from, i + 1);
    from = i + 1;
  }
  return owner;
}

function layerKind(src: CallSource, i: number, name: string): LayerKind | null {
  return src.fn(i) === name ? kindOf(src.layer(i)) : kindByName(name);
}

export function buildSwimlane(src: CallSource): SwimlaneData {
  const owner = cpuAccesses(src);
  const fns: string[] = [];
  const fnIds = new Map<string, number>();
  const fnId = (n: string) => {
    let id = fnIds.get(n);
    if (id === undefined) fnIds.set(n, (id = fns.push(n) - 1));
    return id;
  };
  const start: number[] = [];
  const end: number[] = [];
  const fn: number[] = [];
  const kind: LayerKind[] = [];
  const layer: (string | undefined)[] = [];
  const device: (string | undefined)[] = [];
  const parent: number[] = [];
  const zdd: number[] = [];
  const zddSpan: number[] = [];
  let stack: Open[] = [];

  for (let i = 0; i < src.count; i++) {
    const path = src.path(i);
    const f = src.fn(i);
    const names = owner[i] >= 0 ? [`\0cpu${owner[i]}`, ...path] : [...path];
    if (path[path.length - 1] !== f && (owner[i] !== i || path.length > 0)) names.push(f);
    // Calls go on while the path does (the engine's spans: its `parent` is the first waypoint
    // of the run of waypoints sharing a path); a new action starts afresh.
    let keep = 0;
    if (i > 0 && src.action(i) === src.action(i - 1))
      while (keep < names.length && keep < stack.length && stack[keep].name === names[keep]) keep++;
    stack = stack.slice(0, keep);
    for (let k = keep; k < names.length; k++) {
      const isCpu = names[k].startsWith('\0cpu');
      const name = isCpu ? src.fn(owner[i]) : names[k];
      const up = stack.length ? stack[stack.length - 1].span : -1;
      const s = start.length;
      start.push(i);
      end.push(i);
      fn.push(fnId(name));
      const own = isCpu ? 'cpu' : layerKind(src, i, name);
      kind.push(own ?? (up >= 0 ? kind[up] : 'mm'));
      layer.push(isCpu ? 'cpu' : name === f ? src.layer(i) : undefined);
      device.push(undefined);
      parent.push(up);
      stack.push({ name: names[k], span: s });
    }
    const dev = src.device(i);
    for (const o of stack) {
      end[o.span] = i;
      if (dev !== undefined && device[o.span] === undefined) device[o.span] = dev;
    }
    if (src.setsZdd(i) && stack.length) {
      zdd.push(i);
      zddSpan.push(stack[stack.length - 1].span);
    }
  }
  return pack(src, { start, end, fn, kind, layer, device, parent, zdd, zddSpan }, fns);
}

interface Built {
  start: number[];
  end: number[];
  fn: number[];
  kind: LayerKind[];
  layer: (string | undefined)[];
  device: (string | undefined)[];
  parent: number[];
  zdd: number[];
  zddSpan: number[];
}

/** Resolves each span's lane (a driver lane needs its device) and level, then packs. */
function pack(src: CallSource, b: Built, fns: string[]): SwimlaneData {
  const n = b.start.length;
  const layers: string[] = new Array<string>(n);
  for (let s = 0; s < n; s++) {
    const up = b.parent[s];
    let l = b.layer[s];
    if (!l && b.kind[s] === 'driver') {
      const dev =
        b.device[s] ??
        (up >= 0 && b.kind[up] === 'driver' ? layers[up].slice(7) : undefined) ??
        src.devices[0] ??
        '?';
      l = `driver:${dev}`;
    }
    layers[s] = l ?? b.kind[s];
  }
  const lanes = laneOrder(layers, src.devices);
  const laneOf = new Map(lanes.map((l, i) => [l, i]));
  const lane = new Uint8Array(n);
  const level = new Uint8Array(n);
  const laneRows = lanes.map(() => 1);
  for (let s = 0; s < n; s++) {
    lane[s] = laneOf.get(layers[s])!;
    let d = 0;
    for (let up = b.parent[s]; up >= 0; up = b.parent[up]) if (lane[up] === lane[s]) d++;
    level[s] = Math.min(d, 255);
    laneRows[lane[s]] = Math.max(laneRows[lane[s]], level[s] + 1);
  }
  const rowBase: number[] = [];
  lanes.forEach((_, l) => rowBase.push(l === 0 ? 0 : rowBase[l - 1] + laneRows[l - 1]));
  const rows = rowBase[lanes.length - 1] + laneRows[lanes.length - 1];
  const rowStart = new Int32Array(rows + 1);
  for (let s = 0; s < n; s++) rowStart[rowBase[lane[s]] + level[s] + 1]++;
  for (let r = 0; r < rows; r++) rowStart[r + 1] += rowStart[r];
  const fill = rowStart.slice(0, rows);
  const rowSpans = new Int32Array(n);
  // Spans open in start order, so each row comes out sorted by start.
  for (let s = 0; s < n; s++) rowSpans[fill[rowBase[lane[s]] + level[s]]++] = s;

  const xs: [number, number, number, number, number, CrossingKind][] = [];
  const mm = laneOf.get('mm');
  for (let s = 0; s < n; s++) {
    const up = b.parent[s];
    if (up < 0 || lane[up] === lane[s]) continue;
    const name = fns[b.fn[s]];
    const k = name === 'page_free' ? 3 : name === 'migrate_to_ram' && b.kind[up] === 'mm' ? 1 : 0;
    xs.push([b.start[s], lane[up], level[up], lane[s], level[s], k]);
  }
  // Contract point 2: the driver writes zone_device_data into core mm's struct page.
  b.zdd.forEach((seq, j) => {
    const s = b.zddSpan[j];
    if (mm !== undefined && lane[s] !== mm) xs.push([seq, lane[s], level[s], mm, 0, 2]);
  });
  xs.sort((p, q) => p[0] - q[0]);
  const col = (c: number) => xs.map((r) => r[c]);
  return {
    count: src.count,
    lanes,
    laneRows,
    fns,
    start: Int32Array.from(b.start),
    end: Int32Array.from(b.end),
    fn: Uint16Array.from(b.fn),
    lane,
    level,
    parent: Int32Array.from(b.parent),
    rowSpans,
    rowStart,
    xSeq: Int32Array.from(col(0)),
    xFrom: Uint8Array.from(col(1)),
    xFromLevel: Uint8Array.from(col(2)),
    xTo: Uint8Array.from(col(3)),
    xToLevel: Uint8Array.from(col(4)),
    xKind: Uint8Array.from(col(5)),
  };
}
