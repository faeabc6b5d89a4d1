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
  /** A pinned frame (FOLL_PIN): an ink corner, the dense form of the DOM cell's pin badge. */
  pin?: boolean;
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

export interface PlacedPaint {
  x: number;
  y: number;
  p: CellPaint;
}

/** Adds the value's list in `m` under `key`, creating it. */
function bucket<T>(m: Map<string, T[]>, key: string): T[] {
  let l = m.get(key);
  if (!l) m.set(key, (l = []));
  return l;
}

/**
 * Draws cells of size `s`, clearing each first. Cells are batched layer by layer (fills,
 * stripes, dots, crosses, borders, rings), one path per colour: a step that repaints 256
 * cells in three grids stroked about 2,000 paths one by one, ~18 ms in software canvas.
 * Layering per cell is unchanged, and no cell draws outside its own square. `clear: false` on
 * a canvas just sized (blank): 12,288 clearRects of three 4096-cell grids cost 25+ ms.
 */
export function drawCells(
  ctx: CanvasRenderingContext2D,
  cells: readonly PlacedPaint[],
  s: number,
  col: (v: string) => string,
  clear = true,
) {
  if (cells.length === 0) return;
  const fills = new Map<string, PlacedPaint[]>();
  const stripes = new Map<string, PlacedPaint[]>();
  const dots = new Map<string, PlacedPaint[]>();
  const borders = new Map<string, PlacedPaint[]>();
  const rings = new Map<string, PlacedPaint[]>();
  const crosses: PlacedPaint[] = [];
  const pins: PlacedPaint[] = [];
  for (const c of cells) {
    if (clear) ctx.clearRect(c.x, c.y, s, s);
    const p = c.p;
    if (p.fill) bucket(fills, p.fill).push(c);
    if (p.stripe) bucket(stripes, p.stripe).push(c);
    if (p.dot) bucket(dots, p.dot).push(c);
    if (p.cross) crosses.push(c);
    if (p.pin) pins.push(c);
    if (p.stroke) bucket(borders, `${p.dashed ? 'd' : 's'}${p.stroke}`).push(c);
    if (p.ring) bucket(rings, RING[p.ring]).push(c);
  }
  for (const [colour, l] of fills) {
    ctx.fillStyle = col(colour);
    ctx.beginPath();
    for (const { x, y, p } of l) {
      if (p.half) ctx.rect(x, y + s / 2, s, s / 2);
      else ctx.rect(x, y, s, s);
    }
    ctx.fill();
  }
  ctx.lineWidth = 1;
  for (const [colour, l] of stripes) {
    ctx.strokeStyle = col(colour);
    ctx.beginPath();
    for (const { x, y } of l) {
      for (let k = -s; k < s; k += 3) {
        ctx.moveTo(x + Math.max(0, k), y + Math.max(0, -k));
        ctx.lineTo(x + Math.min(s, s + k), y + Math.min(s, s - k));
      }
    }
    ctx.stroke();
  }
  for (const [colour, l] of dots) {
    ctx.fillStyle = col(colour);
    ctx.beginPath();
    for (const { x, y } of l) ctx.rect(x + s / 2 - 1, y + s / 2 - 1, 2, 2);
    ctx.fill();
  }
  if (crosses.length) {
    ctx.strokeStyle = col('--ink');
    ctx.beginPath();
    for (const { x, y } of crosses) {
      ctx.moveTo(x, y);
      ctx.lineTo(x + s, y + s);
      ctx.moveTo(x + s, y);
      ctx.lineTo(x, y + s);
    }
    ctx.stroke();
  }
  for (const [key, l] of borders) {
    ctx.strokeStyle = col(key.slice(1));
    ctx.setLineDash(key[0] === 'd' ? [2, 2] : []);
    ctx.beginPath();
    for (const { x, y } of l) ctx.rect(x + 0.5, y + 0.5, s - 1, s - 1);
    ctx.stroke();
  }
  ctx.setLineDash([]);
  ctx.lineWidth = 2;
  for (const [colour, l] of rings) {
    ctx.strokeStyle = col(colour);
    // Inside the cell: a repaint clears exactly the cell, never a neighbour.
    ctx.beginPath();
    for (const { x, y } of l) ctx.rect(x + 1, y + 1, s - 2, s - 2);
    ctx.stroke();
  }
  ctx.lineWidth = 1;
  if (pins.length) {
    // The top-right corner, over everything else: a pin is why this frame cannot move.
    const k = Math.max(3, Math.round(s / 2.5));
    ctx.fillStyle = col('--ink');
    ctx.beginPath();
    for (const { x, y } of pins) {
      ctx.moveTo(x + s - k, y);
      ctx.lineTo(x + s, y);
      ctx.lineTo(x + s, y + k);
      ctx.closePath();
    }
    ctx.fill();
  }
}
