// What is under the pointer in the swim-lane: a contract arrow, a span, or nothing.
import type { SwimlaneData } from '../../timeline/callSpans.ts';
import { GUTTER, ROW, rowAtY, rowY, spanAt, type Layout } from './geometry.ts';
import { lowerBound } from './lod.ts';
import type { View } from './paint.ts';

export type Hit =
  | { kind: 'span'; span: number }
  | { kind: 'crossing'; seq: number; contract: 1 | 2 | 3; from: number; to: number };

export function hitTest(d: SwimlaneData, L: Layout, v: View, x: number, y: number): Hit | null {
  if (x < GUTTER) return null;
  const lo = Math.floor(v.inv(x - 8));
  const hi = Math.ceil(v.inv(x + 8));
  for (let j = lowerBound(d.xSeq, lo); j < d.xSeq.length && d.xSeq[j] <= hi; j++) {
    const k = d.xKind[j];
    if (!k) continue;
    const ax = Math.round(v.x(d.xSeq[j])) + 3.5;
    const y0 = rowY(L, d.xFrom[j], d.xFromLevel[j]) + ROW / 2;
    const y1 = rowY(L, d.xTo[j], d.xToLevel[j]) + ROW / 2;
    if (Math.abs(x - ax) <= 5 && y >= Math.min(y0, y1) - 7 && y <= Math.max(y0, y1) + 7)
      return {
        kind: 'crossing',
        seq: d.xSeq[j],
        contract: k as 1 | 2 | 3,
        from: d.xFrom[j],
        to: d.xTo[j],
      };
  }
  const row = rowAtY(L, d, y);
  if (!row) return null;
  const s = spanAt(d, row.row, Math.floor(v.inv(x)));
  return s < 0 ? null : { kind: 'span', span: s };
}
