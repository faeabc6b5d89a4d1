// How one dense cell is drawn: fill, border, pattern, marks. Colours are CSS variable names so
// the canvas follows the theme like the DOM cells do.

export interface CellPaint {
  fill?: string;
  /** Fill only the lower half: a read-only mapping. */
  half?: boolean;
  stroke?: string;
  dashed?: boolean;
  stripe?: string;
  dot?: string;
  cross?: boolean;
  ring?: 'changed' | 'fault' | 'selected' | 'freed';
}

export function resolveColours(el: Element) {
  const cache = new Map<string, string>();
  const cs = getComputedStyle(el);
  return (v: string) => {
    if (!v.startsWith('--')) return v;
    let c = cache.get(v);
    if (!c) {
      c = cs.getPropertyValue(v).trim() || '#888';
      cache.set(v, c);
    }
    return c;
  };
}

const RING: Record<NonNullable<CellPaint['ring']>, string> = {
  changed: '--hl',
  fault: '--fault',
  selected: '--ink',
  freed: '--free',
};

export function drawCell(
  ctx: CanvasRenderingContext2D,
  p: CellPaint,
  x: number,
  y: number,
  s: number,
  col: (v: string) => string,
) {
  if (p.fill) {
    ctx.fillStyle = col(p.fill);
    if (p.half) ctx.fillRect(x, y + s / 2, s, s / 2);
    else ctx.fillRect(x, y, s, s);
  }
  if (p.stripe) {
    ctx.strokeStyle = col(p.stripe);
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (let k = -s; k < s; k += 3) {
      ctx.moveTo(x + Math.max(0, k), y + Math.max(0, -k));
      ctx.lineTo(x + Math.min(s, s + k), y + Math.min(s, s - k));
    }
    ctx.stroke();
  }
  if (p.dot) {
    ctx.fillStyle = col(p.dot);
    ctx.fillRect(x + s / 2 - 1, y + s / 2 - 1, 2, 2);
  }
  if (p.cross) {
    ctx.strokeStyle = col('--ink');
    ctx.beginPath();
    ctx.moveTo(x, y);
    ctx.lineTo(x + s, y + s);
    ctx.moveTo(x + s, y);
    ctx.lineTo(x, y + s);
    ctx.stroke();
  }
  if (p.stroke) {
    ctx.strokeStyle = col(p.stroke);
    ctx.lineWidth = 1;
    ctx.setLineDash(p.dashed ? [2, 2] : []);
    ctx.strokeRect(x + 0.5, y + 0.5, s - 1, s - 1);
    ctx.setLineDash([]);
  }
  if (p.ring) {
    ctx.strokeStyle = col(RING[p.ring]);
    ctx.lineWidth = 2;
    // Inside the cell: a repaint clears exactly the cell, never a neighbour.
    ctx.strokeRect(x + 1, y + 1, s - 2, s - 2);
    ctx.lineWidth = 1;
  }
}
