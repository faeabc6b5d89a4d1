import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { cellAt, gridLayout, indexAt, type GridLayout } from './gridLayout.ts';
import { LOCATOR, type CellLocator } from './locator.ts';
import { drawCell, resolveColours, type CellPaint } from './paint.ts';

export interface CanvasGridProps {
  count: number;
  /** Element key of cell i (for the animation layer), e.g. host-12. */
  keyOf(i: number): string;
  paint(i: number): CellPaint;
  label(i: number): string;
  maxHeight?: number;
  ariaLabel: string;
  onPick?(i: number, e: React.MouseEvent): void;
  onDragTo?(from: number, to: number): void;
  onContext?(i: number, e: React.MouseEvent): void;
}

/** A dense grid on one canvas: for worlds too large for one DOM element per cell. */
const signature = (p: CellPaint) =>
  `${p.fill ?? ''}|${p.half ? 1 : 0}|${p.stroke ?? ''}|${p.dashed ? 1 : 0}|${p.stripe ?? ''}|${p.dot ?? ''}|${p.cross ? 1 : 0}|${p.ring ?? ''}`;

export function CanvasGrid(p: CanvasGridProps) {
  const wrap = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(0);
  const drag = useRef<{ from: number; moved: boolean } | null>(null);
  /** What each cell shows now, so a step repaints only the cells it changed. */
  const painted = useRef<{ sig: string[]; layout: string }>({ sig: [], layout: '' });
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
    const dark = window.matchMedia('(prefers-color-scheme: dark)').matches;
    const shape = `${layout.cols}x${layout.rows}x${layout.cell}@${dpr}${dark}`;
    const prev = painted.current;
    if (prev.layout !== shape) {
      c.width = Math.ceil(layout.width * dpr);
      c.height = Math.ceil(layout.height * dpr);
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      prev.sig = [];
      prev.layout = shape;
    }
    const col = resolveColours(c);
    for (let i = 0; i < p.count; i++) {
      const paint = p.paint(i);
      const sig = signature(paint);
      if (prev.sig[i] === sig) continue;
      prev.sig[i] = sig;
      const { x, y } = cellAt(layout, i);
      ctx.clearRect(x, y, layout.cell, layout.cell);
      drawCell(ctx, paint, x, y, layout.cell, col);
    }
    prev.sig.length = p.count;
    // Built on the first lookup only: most steps animate nothing in a dense grid.
    let keys: Map<string, number> | null = null;
    const keyOf = p.keyOf;
    const count = p.count;
    const locate: CellLocator = (key) => {
      if (!keys) {
        keys = new Map();
        for (let i = 0; i < count; i++) keys.set(keyOf(i), i);
      }
      const i = keys.get(key);
      if (i === undefined) return null;
      const r = c.getBoundingClientRect();
      const { x, y } = cellAt(layout, i);
      return { x: r.left + x, y: r.top + y, w: layout.cell, h: layout.cell };
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
