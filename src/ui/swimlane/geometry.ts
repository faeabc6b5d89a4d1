// Where things sit in the swim-lane, and which span is where: pure functions over the
// worker's typed arrays (binary searches, no object per span).
import type { SwimlaneData } from '../../timeline/callSpans.ts';

export const GUTTER = 108;
/** Action labels, then a row of event markers, above the lanes. */
export const AXIS = 40;
export const ROW = 18;
export const LANE_PAD = 5;

export interface Layout {
  /** Top y of each lane, and of each (lane, level) row. */
  laneTop: number[];
  laneHeight: number[];
  rowBase: number[];
  height: number;
}

export function layout(d: Pick<SwimlaneData, 'laneRows'>): Layout {
  const laneTop: number[] = [];
  const laneHeight: number[] = [];
  const rowBase: number[] = [];
  let y = AXIS;
  let row = 0;
  for (const rows of d.laneRows) {
    laneTop.push(y);
    rowBase.push(row);
    const h = rows * ROW + LANE_PAD * 2;
    laneHeight.push(h);
    y += h;
    row += rows;
  }
  return { laneTop, laneHeight, rowBase, height: y + 4 };
}

export const rowY = (l: Layout, lane: number, level: number) =>
  l.laneTop[lane] + LANE_PAD + level * ROW;

/** First position in row r's spans whose end is at or after waypoint i (rows are disjoint). */
export function firstEndingAfter(d: SwimlaneData, r: number, i: number): number {
  let lo = d.rowStart[r];
  let hi = d.rowStart[r + 1];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (d.end[d.rowSpans[mid]] < i) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The span of row r covering waypoint i, or -1. */
export function spanAt(d: SwimlaneData, r: number, i: number): number {
  const k = firstEndingAfter(d, r, i);
  if (k >= d.rowStart[r + 1]) return -1;
  const s = d.rowSpans[k];
  return d.start[s] <= i ? s : -1;
}

/** The row (lane, level) at y, or null. */
export function rowAtY(
  l: Layout,
  d: SwimlaneData,
  y: number,
): { lane: number; row: number } | null {
  for (let lane = 0; lane < l.laneTop.length; lane++) {
    const top = l.laneTop[lane] + LANE_PAD;
    const level = Math.floor((y - top) / ROW);
    if (y >= l.laneTop[lane] && y < l.laneTop[lane] + l.laneHeight[lane])
      return level >= 0 && level < d.laneRows[lane] ? { lane, row: l.rowBase[lane] + level } : null;
  }
  return null;
}

/** The innermost span running at waypoint i (spans open in start order, callers first). */
export function innermostAt(d: SwimlaneData, i: number): number {
  let lo = 0;
  let hi = d.start.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (d.start[mid] <= i) lo = mid + 1;
    else hi = mid;
  }
  let s = lo - 1;
  while (s >= 0 && d.end[s] < i) s = d.parent[s];
  return s;
}

/** Span s and its callers, outermost first. */
export function stackOf(d: SwimlaneData, s: number): number[] {
  const out: number[] = [];
  for (; s >= 0; s = d.parent[s]) out.push(s);
  return out.reverse();
}
