import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { cellAt, gridLayout, indexAt, type GridLayout } from './gridLayout.ts';
import { LOCATOR, type CellLocator } from './locator.ts';
import { drawCells, resolveColours, type CellPaint, type PlacedPaint } from './paint.ts';
import type { Ring, Rings } from './rings.ts';

export interface CanvasGridProps {
  count: number;
  /** Cell of an element key such as host-12, or -1: the animation layer finds cells by key. */
  indexOf(key: string): number;
  /**
   * The record cell i shows. Stepping replays worlds copy-on-write, so a record that did not
   * change keeps its identity: a step repaints only the cells whose record or ring changed.
   */
  item(i: number): unknown;
  rings: Rings;
  paint(i: number, ring: Ring | undefined): CellPaint;
  label(i: number): string;
  maxHeight?: number;
  ariaLabel: string;
  onPick?(i: number, e: React.MouseEvent): void;
  onDragTo?(from: number, to: number): void;
  onContext?(i: number, e: React.MouseEvent): void;
}

interface Painted {
  items: unknown[];
  rings: (Ring | undefined)[];
  sig: string[];
  layout: string;
  /** Theme colours, resolved once per layout and theme. */
  col: ((v: string) => string) | null;
}

const signature = (p: CellPaint) =>
  `${p.fill ?? ''}|${p.half ? 1 : 0}|${p.stroke ?? ''}|${p.dashed ? 1 : 0}|${p.stripe ?? ''}|${p.dot ?? ''}|${p.cross ? 1 : 0}|${p.pin ? 1 : 0}|${p.ring ?? ''}`;

// One query list for every grid and render: matchMedia builds a new one per call.
let darkQuery: MediaQueryList | null = null;
const dark = () => (darkQuery ??= window.matchMedia('(prefers-color-scheme: dark)')).matches;

/** A dense grid on one canvas: for worlds too large for one DOM element per cell. */
export function CanvasGrid(p: CanvasGridProps) {
  const wrap = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(0);
  const drag = useRef<{ from: number; moved: boolean } | null>(null);
  /** What each cell shows now, so a step repaints only the cells it changed. */
  const painted = useRef<Painted>({ items: [], rings: [], sig: [], layout: '', col: null });
  const layout: GridLayout = gridLayout(p.count, width, p.maxHeight ?? 360);

  useLayoutEffect(() => {
    const el = wrap.current!;
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    setWidth(el.clientWidth);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    const c = canvas.current;
    if (!c || width === 0) return;
    const dpr = window.devicePixelRatio || 1;
    const ctx = c.getContext('2d')!;
    const shape = `${layout.cols}x${layout.rows}x${layout.cell}@${dpr}${dark()}`;
    const prev = painted.current;
    const blank = prev.layout !== shape;
    if (blank) {
      c.width = Math.ceil(layout.width * dpr);
      c.height = Math.ceil(layout.height * dpr);
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      prev.items = [];
      prev.rings = [];
      prev.sig = [];
      prev.col = null;
      prev.layout = shape;
    }
    const redraw: PlacedPaint[] = [];
    for (let i = 0; i < p.count; i++) {
      const item = p.item(i);
      const ring = p.rings.get(i);
      if (prev.items[i] === item && prev.rings[i] === ring && prev.sig[i] !== undefined) continue;
      prev.items[i] = item;
      prev.rings[i] = ring;
      const paint = p.paint(i, ring);
      const sig = signature(paint);
      if (prev.sig[i] === sig) continue;
      prev.sig[i] = sig;
      const { x, y } = cellAt(layout, i);
      redraw.push({ x, y, p: paint });
    }
    if (redraw.length)
      drawCells(ctx, redraw, layout.cell, (prev.col ??= resolveColours(c)), !blank);
    prev.items.length = prev.rings.length = prev.sig.length = p.count;
    const { indexOf, count } = p;
    const locate: CellLocator = (key) => {
      const i = indexOf(key);
      if (i < 0 || i >= count) return null;
      const { x, y } = cellAt(layout, i);
      return { x, y, w: layout.cell, h: layout.cell };
    };
    (c as unknown as Record<symbol, CellLocator>)[LOCATOR] = locate;
  });

  const at = (e: React.MouseEvent) => {
    const r = canvas.current!.getBoundingClientRect();
    const i = indexAt(layout, e.clientX - r.left, e.clientY - r.top);
    return i >= 0 && i < p.count ? i : -1;
  };

  return (
    <div ref={wrap} className="canvas-grid">
      <canvas
        ref={canvas}
        data-grid
        role="img"
        aria-label={p.ariaLabel}
        style={{ width: layout.width, height: layout.height }}
        onMouseMove={(e) => {
          const i = at(e);
          e.currentTarget.title = i >= 0 ? p.label(i) : '';
          const d = drag.current;
          if (d && i >= 0 && e.buttons & 1 && i !== d.from) {
            d.moved = true;
            p.onDragTo?.(d.from, i);
          }
        }}
        onMouseDown={(e) => {
          if (e.button === 0) drag.current = { from: at(e), moved: false };
        }}
        onClick={(e) => {
          const moved = drag.current?.moved;
          drag.current = null;
          const i = at(e);
          if (i >= 0 && !moved) p.onPick?.(i, e);
        }}
        onContextMenu={(e) => {
          const i = at(e);
          if (i < 0 || !p.onContext) return;
          e.preventDefault();
          p.onContext(i, e);
        }}
      />
    </div>
  );
}
