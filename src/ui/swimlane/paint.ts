// Paints the swim-lane on a canvas. Level of detail: in every row, spans narrower than a pixel
// merge into one run per pixel column, and the walk skips straight to the next column by binary
// search, so a frame costs O(rows × width × log n) whatever the run's length.
import type { SwimlaneData } from '../../timeline/callSpans.ts';
import type { MarkerKind, TimelineSummary } from '../../timeline/types.ts';
import { AXIS, GUTTER, LANE_PAD, ROW, firstEndingAfter, rowY, type Layout } from './geometry.ts';
import { laneColour, CONTRACT_COLOUR } from './colours.ts';
import { crossingGroups, markersByKind, walkSparse } from './lod.ts';
import { LAYER_LABEL } from '../../timeline/callLayers.ts';
import { bandLabel } from '../transport/runMarks.ts';

export interface View {
  width: number;
  /** Waypoint index → x in CSS pixels (a waypoint spans [x(i), x(i + 1))). */
  x: (i: number) => number;
  /** x → waypoint index (fractional). */
  inv: (px: number) => number;
}

type Col = (v: string) => string;

const LABEL_FONT = `11px ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'DejaVu Sans Mono', monospace`;
const SANS = `600 11px system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif`;

export function paintSwimlane(
  ctx: CanvasRenderingContext2D,
  d: SwimlaneData,
  summary: TimelineSummary,
  L: Layout,
  v: View,
  col: Col,
  cursor: { index: number; stack: Set<number> },
  devices: readonly string[],
) {
  ctx.clearRect(0, 0, v.width, L.height);
  const i0 = Math.max(0, Math.floor(v.inv(GUTTER)));
  const i1 = Math.min(d.count - 1, Math.ceil(v.inv(v.width)));
  paintLanes(ctx, d, L, v, col, devices);
  ctx.save();
  ctx.beginPath();
  ctx.rect(GUTTER, 0, v.width - GUTTER, L.height);
  ctx.clip();
  paintActions(ctx, summary, L, v, col, i0, i1);
  paintMarkers(ctx, summary, v, col, i0, i1);
  for (let lane = 0; lane < d.lanes.length; lane++) {
    const c = col(laneColour(d.lanes[lane], devices));
    for (let level = 0; level < d.laneRows[lane]; level++)
      paintRow(ctx, d, L.rowBase[lane] + level, rowY(L, lane, level), v, c, col, cursor, i0, i1);
  }
  paintCrossings(ctx, d, L, v, col, i0, i1);
  paintCursor(ctx, L, v, col, cursor.index);
  ctx.restore();
}

function paintLanes(
  ctx: CanvasRenderingContext2D,
  d: SwimlaneData,
  L: Layout,
  v: View,
  col: Col,
  devices: readonly string[],
) {
  for (let lane = 0; lane < d.lanes.length; lane++) {
    const y = L.laneTop[lane];
    const h = L.laneHeight[lane];
    ctx.fillStyle = col(lane % 2 ? '--panel' : '--panel-2');
    ctx.fillRect(0, y, v.width, h);
    ctx.fillStyle = col(laneColour(d.lanes[lane], devices));
    ctx.fillRect(0, y + 3, 3, h - 6);
    ctx.fillStyle = col('--ink');
    ctx.font = SANS;
    ctx.textBaseline = 'middle';
    ctx.fillText(LAYER_LABEL(d.lanes[lane]), 10, y + LANE_PAD + ROW / 2, GUTTER - 16);
  }
  ctx.strokeStyle = col('--line');
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(GUTTER - 0.5, AXIS);
  ctx.lineTo(GUTTER - 0.5, L.height);
  ctx.stroke();
}

function paintActions(
  ctx: CanvasRenderingContext2D,
  summary: TimelineSummary,
  L: Layout,
  v: View,
  col: Col,
  i0: number,
  i1: number,
) {
  ctx.font = SANS;
  ctx.textBaseline = 'middle';
  let lastLabelEnd = -Infinity;
  for (const a of summary.actions) {
    if (a.last < i0 || a.first > i1) continue;
    const x0 = Math.round(v.x(a.first)) + 0.5;
    const x1 = v.x(a.last + 1);
    const failed = !!a.result && a.result.status !== 'ok';
    ctx.strokeStyle = col(failed ? '--err' : '--line');
    ctx.beginPath();
    ctx.moveTo(x0, 4);
    ctx.lineTo(x0, L.height);
    ctx.stroke();
    const label = bandLabel(a);
    const room = Math.min(x1, v.width) - Math.max(x0, GUTTER) - 8;
    const at = Math.max(x0 + 4, GUTTER + 4);
    if (room > 24 && at > lastLabelEnd) {
      ctx.fillStyle = col(failed ? '--err' : '--muted');
      ctx.fillText(label, at, 11, room);
      lastLabelEnd = at + Math.min(room, ctx.measureText(label).width) + 6;
    }
  }
}

/** Appends the marker glyph of `kind` centred on (x, y) (the shapes of markerShapes.ts). */
function addGlyph(p: Path2D, kind: MarkerKind, x: number, y: number, r: number) {
  switch (kind) {
    case 'cpu-fault':
    case 'dev-fault': {
      const d = kind === 'cpu-fault' ? 1 : -1;
      p.moveTo(x, y - d * r);
      p.lineTo(x + r, y + d * r);
      p.lineTo(x - r, y + d * r);
      p.closePath();
      return;
    }
    case 'migration':
      p.moveTo(x, y - r);
      p.lineTo(x + r, y);
      p.lineTo(x, y + r);
      p.lineTo(x - r, y);
      p.closePath();
      return;
    case 'invalidation':
      p.moveTo(x - r, y - r);
      p.lineTo(x + r, y + r);
      p.moveTo(x + r, y - r);
      p.lineTo(x - r, y + r);
      return;
    case 'free':
      p.moveTo(x + r, y);
      p.arc(x, y, r, 0, Math.PI * 2);
  }
}

const MARK_STYLE: Record<string, { fill?: string; stroke: string }> = {
  'cpu-fault': { fill: '--fault', stroke: '--fault' },
  'dev-fault': { stroke: '--fault' },
  migration: { fill: '--host', stroke: '--host' },
  invalidation: { stroke: '--inval' },
  free: { stroke: '--free' },
};

/** One glyph per kind every few pixels, in the row under the action labels. */
function paintMarkers(
  ctx: CanvasRenderingContext2D,
  summary: TimelineSummary,
  v: View,
  col: Col,
  i0: number,
  i1: number,
) {
  const y = 29;
  ctx.lineWidth = 1.4;
  for (const [kind, seqs] of markersByKind(summary)) {
    const s = MARK_STYLE[kind];
    ctx.fillStyle = col(s.fill ?? '--panel');
    ctx.strokeStyle = col(s.stroke);
    const all = new Path2D();
    walkSparse(seqs, i0, i1, v, 5, (k) => {
      addGlyph(all, kind as MarkerKind, Math.round(v.x(seqs[k] + 0.5)), y, 3.5);
    });
    if (s.fill) ctx.fill(all);
    ctx.stroke(all);
  }
}

function paintRow(
  ctx: CanvasRenderingContext2D,
  d: SwimlaneData,
  r: number,
  y: number,
  v: View,
  c: string,
  col: Col,
  cursor: { stack: Set<number> },
  i0: number,
  i1: number,
) {
  const end = d.rowStart[r + 1];
  let k = firstEndingAfter(d, r, i0);
  const h = ROW - 3;
  ctx.font = LABEL_FONT;
  ctx.textBaseline = 'middle';
  // Thin runs are gathered into one path and filled once: thousands of separate fills per
  // frame cost more to raster than everything else together.
  const thin = new Path2D();
  let runX0 = -1;
  let runX1 = -1;
  const flush = () => {
    if (runX1 > runX0) thin.rect(runX0, y + 1, runX1 - runX0, h);
  };
  while (k < end) {
    const s = d.rowSpans[k];
    const a = d.start[s];
    if (a > i1) break;
    const x0 = v.x(a);
    const x1 = v.x(d.end[s] + 1);
    if (x1 - x0 < 1.5) {
      // A run of thin spans: one rectangle to the end of this pixel column's neighbourhood.
      const colEnd = Math.floor(x0) + 3;
      const next = Math.ceil(v.inv(colEnd));
      const k2 = Math.max(k + 1, firstEndingAfter(d, r, next));
      const last = d.rowSpans[k2 - 1];
      const rx1 = Math.max(v.x(d.end[last] + 1), x0 + 1);
      // Runs that touch (within a pixel) become one rectangle.
      if (x0 > runX1 + 1) {
        flush();
        runX0 = x0;
      }
      runX1 = rx1;
      k = k2;
      continue;
    }
    const on = cursor.stack.has(s);
    const w = x1 - x0;
    ctx.globalAlpha = on ? 0.5 : 0.22;
    ctx.fillStyle = c;
    ctx.fillRect(x0, y + 1, w, h);
    ctx.globalAlpha = 1;
    ctx.strokeStyle = on ? col('--ink') : c;
    ctx.lineWidth = on ? 1.5 : 1;
    if (w > 3) ctx.strokeRect(x0 + 0.5, y + 1.5, w - 1, h - 1);
    if (w > 28) {
      // Indented past the arrow that may enter the span at its left edge.
      const tx = Math.max(x0, GUTTER) + (x0 >= GUTTER ? 9 : 4);
      const room = Math.min(x1, v.width) - tx - 4;
      if (room > 14) {
        ctx.fillStyle = col('--ink');
        ctx.fillText(fit(ctx, d.fns[d.fn[s]], room), tx, y + 1 + h / 2);
      }
    }
    k++;
  }
  flush();
  ctx.globalAlpha = 0.55;
  ctx.fillStyle = c;
  ctx.fill(thin);
  ctx.globalAlpha = 1;
}

const fitCache = new Map<string, number>();
function fit(ctx: CanvasRenderingContext2D, text: string, room: number): string {
  let w = fitCache.get(text);
  if (w === undefined) fitCache.set(text, (w = ctx.measureText(text).width));
  if (w <= room) return text;
  const n = Math.max(1, Math.floor((text.length * room) / w) - 1);
  return text.slice(0, n) + '…';
}

function paintCrossings(
  ctx: CanvasRenderingContext2D,
  d: SwimlaneData,
  L: Layout,
  v: View,
  col: Col,
  i0: number,
  i1: number,
) {
  for (const { js, seqs } of crossingGroups(d)) {
    const j0 = js[0];
    const kind = d.xKind[j0];
    const yFrom = rowY(L, d.xFrom[j0], d.xFromLevel[j0]) + ROW / 2;
    const down = d.xTo[j0] > d.xFrom[j0];
    const yTo = rowY(L, d.xTo[j0], d.xToLevel[j0]) + (down ? 1 : ROW - 2);
    const c = kind ? col(CONTRACT_COLOUR[kind]) : col('--faint');
    const on = col('--panel');
    const lines = new Path2D();
    const heads = new Path2D();
    const xs: number[] = [];
    walkSparse(seqs, i0, i1, v, kind ? 14 : 8, (k) => {
      const x = Math.round(v.x(seqs[k])) + (kind ? 3.5 : 1.5);
      arrow(lines, heads, x, yFrom, yTo, kind ? 4 : 3);
      xs.push(x);
    });
    ctx.strokeStyle = c;
    ctx.fillStyle = c;
    ctx.lineWidth = kind ? 2 : 1;
    ctx.stroke(lines);
    ctx.fill(heads);
    // Numbered where they are far enough apart to read; a dense run shows only its arrows.
    let last = -Infinity;
    if (kind)
      for (const x of xs)
        if (x - last >= 40) {
          badge(ctx, x, yFrom, kind, c, on);
          last = x;
        }
  }
}

/** An arrow from y0 to y1 at x: its shaft into `lines`, its head into `heads`. */
function arrow(lines: Path2D, heads: Path2D, x: number, y0: number, y1: number, s: number) {
  const dir = y1 > y0 ? 1 : -1;
  lines.moveTo(x, y0);
  lines.lineTo(x, y1 - dir * 4);
  heads.moveTo(x, y1);
  heads.lineTo(x - s, y1 - dir * (s + 2));
  heads.lineTo(x + s, y1 - dir * (s + 2));
  heads.closePath();
}

/** The contract point's number in a disc where the arrow leaves. */
function badge(
  ctx: CanvasRenderingContext2D,
  x: number,
  y: number,
  n: number,
  c: string,
  on: string,
) {
  ctx.beginPath();
  ctx.arc(x, y, 6, 0, Math.PI * 2);
  ctx.fillStyle = c;
  ctx.fill();
  ctx.strokeStyle = on;
  ctx.lineWidth = 1.5;
  ctx.stroke();
  ctx.fillStyle = on;
  ctx.font = `700 9px system-ui, sans-serif`;
  ctx.textAlign = 'center';
  ctx.fillText(String(n), x, y + 0.5);
  ctx.textAlign = 'start';
}

function paintCursor(ctx: CanvasRenderingContext2D, L: Layout, v: View, col: Col, index: number) {
  const x0 = v.x(index);
  const w = Math.max(2, v.x(index + 1) - x0);
  ctx.globalAlpha = 0.18;
  ctx.fillStyle = col('--hl');
  ctx.fillRect(x0, AXIS - 2, w, L.height - AXIS + 2);
  ctx.globalAlpha = 1;
  const cx = Math.round(x0 + w / 2) + 0.5;
  ctx.strokeStyle = col('--hl');
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(cx, AXIS - 6);
  ctx.lineTo(cx, L.height);
  ctx.stroke();
  ctx.beginPath();
  ctx.moveTo(cx - 5, AXIS - 8);
  ctx.lineTo(cx + 5, AXIS - 8);
  ctx.lineTo(cx, AXIS - 2);
  ctx.closePath();
  ctx.fillStyle = col('--hl');
  ctx.fill();
}
