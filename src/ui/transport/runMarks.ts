// The scrubber's lane, drawn on canvas: a long run has thousands of marks, and as SVG elements
// they were repainted and re-sent to the compositor on every step, although only the cursor
// moved (about 3 ms of paint per step on a 12k-waypoint run).
import type { TimelineSummary } from '../../timeline/types.ts';
import { resolveColours } from '../grid/paint.ts';
import { MARKER_ORDER, markerPath, markerRow } from './markerShapes.ts';

const ROW = 7;
const TOP = 6;
export const HEIGHT = TOP * 2 + ROW * MARKER_ORDER.length;

type Kind = (typeof MARKER_ORDER)[number];

/** Fill and stroke of each glyph, as in the legend's SVG (.mk-* in controls.css). */
const GLYPH: Record<Kind, { fill?: string; stroke: string; width: number }> = {
  'cpu-fault': { fill: '--fault', stroke: '--fault', width: 1.3 },
  'dev-fault': { stroke: '--fault', width: 1.3 },
  migration: { fill: '--host', stroke: '--host', width: 1.3 },
  invalidation: { stroke: '--inval', width: 1.6 },
  free: { stroke: '--free', width: 1.6 },
};

/** One glyph per kind per pixel column: what a long run can show at this width. */
export function visibleMarks(summary: TimelineSummary, x: (i: number) => number) {
  const kinds = MARKER_ORDER.length;
  // A byte per kind per column between the run's ends (a 131k-waypoint run has 33k markers:
  // a Set of them took a few ms of the first frame); a column off those ends, in a Set.
  const ends = [Math.round(x(0)), Math.round(x(Math.max(0, summary.count - 1)))];
  const lo = Math.max(0, Math.min(...ends));
  const hi = Math.min(1 << 16, Math.max(...ends));
  const seen = new Uint8Array(Math.max(0, hi - lo + 1) * kinds);
  const seenOff = new Set<number>();
  const out: { x: number; kind: Kind }[] = [];
  for (const m of summary.markers) {
    const px = Math.round(x(m.seq));
    const row = markerRow(m.kind);
    if (px >= lo && px <= hi) {
      const k = (px - lo) * kinds + row;
      if (seen[k]) continue;
      seen[k] = 1;
    } else {
      const k = px * kinds + row;
      if (seenOff.has(k)) continue;
      seenOff.add(k);
    }
    out.push({ x: px, kind: m.kind });
  }
  return out;
}

/** The action whose band covers pixel column `px`, or -1. */
export function bandAt(summary: TimelineSummary, x: (i: number) => number, px: number): number {
  const acts = summary.actions;
  for (let i = 0; i < acts.length; i++)
    if (px >= x(acts[i].first) - 2 && px <= x(acts[i].last) + 2) return i;
  return -1;
}

export function bandLabel(s: TimelineSummary['actions'][number]): string {
  const failed = s.result && s.result.status !== 'ok' ? ` → ${s.result.status}` : '';
  return `${s.i < 0 ? 'setup' : `action ${s.i + 1}: ${s.op}`}${failed}`;
}

let glyphCache: Record<Kind, Path2D> | null = null;

export function drawRunMarks(
  canvas: HTMLCanvasElement,
  summary: TimelineSummary,
  x: (i: number) => number,
  width: number,
) {
  const dpr = window.devicePixelRatio || 1;
  canvas.width = Math.ceil(width * dpr);
  canvas.height = Math.ceil(HEIGHT * dpr);
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const col = resolveColours(canvas);
  const glyphs = (glyphCache ??= Object.fromEntries(
    MARKER_ORDER.map((k) => [k, new Path2D(markerPath(k, 3))]),
  ) as Record<Kind, Path2D>);
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  summary.actions.forEach((s, i) => {
    const x0 = x(s.first) - 2;
    const w = Math.max(2, x(s.last) - x(s.first) + 4);
    const failed = !!s.result && s.result.status !== 'ok';
    // Even bands in --panel-2; odd ones and failed actions tinted over --panel.
    ctx.globalAlpha = 1;
    ctx.fillStyle = col(i % 2 || failed ? '--panel' : '--panel-2');
    ctx.fillRect(x0, 0, w, HEIGHT);
    if (i % 2 || failed) {
      ctx.globalAlpha = failed ? 0.12 : 0.06;
      ctx.fillStyle = col(failed ? '--err' : '--ink');
      ctx.fillRect(x0, 0, w, HEIGHT);
    }
  });
  ctx.globalAlpha = 1;
  // One path per kind holding all its glyphs, filled and stroked once: a long run shows
  // hundreds of glyphs, and a fill and stroke call each took ~60 ms to draw.
  const byKind = new Map<Kind, Path2D>();
  for (const m of visibleMarks(summary, x)) {
    let all = byKind.get(m.kind);
    if (!all) byKind.set(m.kind, (all = new Path2D()));
    all.addPath(
      glyphs[m.kind],
      new DOMMatrix([1, 0, 0, 1, m.x, TOP + markerRow(m.kind) * ROW + ROW / 2]),
    );
  }
  for (const [kind, path] of byKind) {
    const g = GLYPH[kind];
    if (g.fill) {
      ctx.fillStyle = col(g.fill);
      ctx.fill(path);
    }
    ctx.strokeStyle = col(g.stroke);
    ctx.lineWidth = g.width;
    ctx.stroke(path);
  }
  ctx.setTransform(1, 0, 0, 1, 0, 0);
}
