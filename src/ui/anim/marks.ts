// The marks that accompany travelling pages: a wave from a retargeted PTE to each device page
// table it invalidates, a ripple on that table, a pointer from a CPU entry to its new frame,
// and a pop on each cell the step changed. Drawn on the token canvas by the same frame loop,
// so a step costs no DOM mutations or style work per frame (they were d3-animated SVG, a
// transition per attribute; the pops were CSS transforms, and each popping cell became a
// compositor layer of its own, re-rastered with the page's tiles as it came and went).
import { easeCubicInOut, easeCubicOut } from 'd3-ease';
import type { Box } from './geometry.ts';
import { boundsOf, lengthOf, traceUpTo, type Route } from './route.ts';

export type Mark =
  | { kind: 'wave'; route: Route; ms: number }
  | { kind: 'ripple'; box: Box; ms: number }
  | { kind: 'pointer'; route: Route; ms: number }
  /** `key`: the cell's element key, so tools can tell which cells pop. */
  | { kind: 'pop'; box: Box; ms: number; key: string };

export interface MarkColours {
  inval: string;
  ink: string;
  /** The ring of what a step changed (--hl). */
  hl: string;
}

/** A pop starts this many px outside its cell and closes in onto the cell's own 3px ring. */
const POP_REACH = 12;
const POP_LAND = 1.5;
const POP_MS = 450;

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** When a mark has played out, in ms after the step's animation started. */
export function endOf(m: Mark): number {
  if (m.kind === 'wave') return m.ms * 0.9;
  if (m.kind === 'ripple') return m.ms * 0.95;
  if (m.kind === 'pop') return Math.min(POP_MS, m.ms);
  return m.ms;
}

/** The area a mark can draw into: [x0, y0, x1, y1]. */
export function extentOf(m: Mark): [number, number, number, number] {
  if (m.kind === 'ripple') {
    const { x, y, w, h } = m.box;
    return [x - 14, y - 14, x + w + 14, y + h + 14];
  }
  if (m.kind === 'pop') {
    const { x, y, w, h } = m.box;
    const d = POP_REACH + 3;
    return [x - d, y - d, x + w + d, y + h + d];
  }
  return boundsOf(m.route, 3);
}

/** A dashed line revealed along its route, then faded out. */
function reveal(
  ctx: CanvasRenderingContext2D,
  route: Route,
  shown: number,
  alpha: number,
  dash: [number, number],
) {
  if (shown <= 0 || alpha <= 0) return;
  ctx.globalAlpha = alpha;
  ctx.setLineDash(dash);
  ctx.beginPath();
  traceUpTo(ctx, route, shown * lengthOf(route));
  ctx.stroke();
  ctx.setLineDash([]);
}

/** Draw `m` as it is `t` ms after the step's animation started. */
export function drawMark(ctx: CanvasRenderingContext2D, m: Mark, t: number, c: MarkColours) {
  const { ms } = m;
  if (m.kind === 'wave') {
    ctx.strokeStyle = c.inval;
    ctx.lineWidth = 2;
    const fade = easeCubicInOut(clamp01((t - ms * 0.6) / (ms * 0.3)));
    reveal(ctx, m.route, easeCubicOut(clamp01(t / (ms * 0.6))), 0.9 * (1 - fade), [6, 5]);
  } else if (m.kind === 'pointer') {
    ctx.strokeStyle = c.ink;
    ctx.lineWidth = 1.5;
    const fade = easeCubicInOut(clamp01((t - ms * 0.6) / (ms * 0.4)));
    reveal(ctx, m.route, easeCubicOut(clamp01(t / (ms * 0.5))), 0.7 * (1 - fade), [3, 3]);
  } else if (m.kind === 'pop') {
    // A ring around the cell closes in on it and fades as it lands on the cell's own ring.
    const k = easeCubicOut(clamp01(t / endOf(m)));
    if (k >= 1) return;
    const { x, y, w, h } = m.box;
    const d = POP_LAND + (POP_REACH - POP_LAND) * (1 - k);
    ctx.globalAlpha = 1 - k;
    ctx.strokeStyle = c.hl;
    ctx.lineWidth = 3;
    ctx.beginPath();
    ctx.roundRect(x - d, y - d, w + 2 * d, h + 2 * d, 6 + d);
    ctx.stroke();
  } else {
    // A small ring waits on the table while the wave travels, then spreads and fades.
    const k = easeCubicOut(clamp01((t - ms * 0.35) / (ms * 0.6)));
    if (k >= 1) return;
    const { x, y, w, h } = m.box;
    const rx = 4 + (w / 2 + 6) * k;
    const ry = 4 + (h / 2 + 6) * k;
    ctx.globalAlpha = 1 - k;
    ctx.strokeStyle = c.inval;
    ctx.lineWidth = 2.5;
    ctx.beginPath();
    ctx.ellipse(x + w / 2, y + h / 2, rx, ry, 0, 0, Math.PI * 2);
    ctx.stroke();
  }
}
