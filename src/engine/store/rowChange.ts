// One unpacked change row as the public Change, or replayed onto a world (forward, or back).
import { KEYED, type World } from '../state.ts';
import type { Change } from '../trace.ts';
import * as codec from './codec.ts';
import { COUNTERS, K, type Row } from './kinds.ts';

/** The zone_device_data string of an interned id (0 = none). */
export type ZddOf = (id: number) => string | null;

export function toChange(r: Row, zdd: ZddOf): Change {
  const { kind, i1, i2, b0, b1, a0, a1 } = r;
  switch (kind) {
    case K.Pte:
      return {
        k: 'pte',
        pid: i1,
        page: i2,
        before: codec.unpackVPage(b0),
        after: codec.unpackVPage(a0),
      };
    case K.Host:
      return {
        k: 'host',
        frame: i1,
        before: codec.unpackHostPage(b0, b1),
        after: codec.unpackHostPage(a0, a1),
      };
    case K.DevPage:
      return {
        k: 'dpage',
        dev: i1,
        frame: i2,
        before: codec.unpackDevPage(b0, b1, zdd),
        after: codec.unpackDevPage(a0, a1, zdd),
      };
    case K.DevPte:
      return {
        k: 'dpte',
        dev: i1,
        key: i2,
        before: codec.unpackDevPte(b0),
        after: codec.unpackDevPte(a0),
      };
    case K.Seq:
      return { k: 'seq', dev: i1, before: b0, after: a0 };
    case K.Ctr:
      return { k: 'ctr', name: COUNTERS[i1], by: a0 };
    case K.Flag:
      return { k: 'flag', dev: i1, before: b0 === 1, after: a0 === 1 };
    case K.Proc:
      return { k: 'proc', pid: i1, add: a0 === 1 };
    case K.Keyed:
      return {
        k: KEYED[i1],
        key: i2,
        before: Number.isNaN(b0) ? undefined : b0,
        after: Number.isNaN(a0) ? undefined : a0,
      };
  }
}

export function applyRow(w: World, r: Row, forward: boolean, zdd: ZddOf): void {
  const x = forward ? r.a0 : r.b0;
  const y = forward ? r.a1 : r.b1;
  const { i1, i2 } = r;
  switch (r.kind) {
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
      const p = codec.unpackDevPage(x, y, zdd);
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
      w.counters[COUNTERS[i1]] += forward ? r.a0 : -r.a0;
      return;
    case K.Keyed: {
      const t = w[KEYED[i1]];
      if (Number.isNaN(x)) delete t[i2];
      else t[i2] = x;
      return;
    }
    case K.Proc:
      if ((r.a0 === 1) === forward) w.procs[i1] = { pid: i1, pages: {} };
      else delete w.procs[i1];
      return;
  }
}
