// A long list in a short scroll box, drawn a window at a time: the device page table can hold
// thousands of entries, and a step that fills it (256 pages at finalize) would otherwise lay
// out and paint every row at once. Rows are a fixed height in as many columns as fit.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';

export interface RowMetrics {
  /** Row height plus the gap below it, px. */
  pitch: number;
  /** Narrowest column, and the gap between columns, px. */
  minCol: number;
  gapX: number;
  /** Height of the scroll box, px. */
  view: number;
  /** Rows drawn above and below what shows, so a short scroll never shows a blank. */
  overscan: number;
  /** Items a render may add to those drawn; the rest follow a frame at a time. */
  grow: number;
}

export interface RowWindow {
  cols: number;
  /** Items [from, to) are drawn, starting `offset` px down a list `height` px tall. */
  from: number;
  to: number;
  offset: number;
  height: number;
}

export function rowWindow(count: number, width: number, top: number, m: RowMetrics): RowWindow {
  const cols = Math.max(1, Math.floor((width + m.gapX) / (m.minCol + m.gapX)));
  const rows = Math.ceil(count / cols);
  const first = Math.max(0, Math.min(rows, Math.floor(top / m.pitch)) - m.overscan);
  const last = Math.min(rows, Math.ceil((top + m.view) / m.pitch) + m.overscan);
  return {
    cols,
    from: first * cols,
    to: Math.min(count, Math.max(first, last) * cols),
    offset: first * m.pitch,
    height: rows * m.pitch,
  };
}

/**
 * How many rows to draw when `drawn` are on screen and the window holds `want`: all of them,
 * except that one render adds at most `step`.
 */
export function gradualCount(want: number, drawn: number, step: number): number {
  return Math.min(want, drawn + step);
}

/**
 * The rows a window holds, `step` more per animation frame when it grows by more: the step
 * that fills a device page table (0 → ~20 rows) cost 4–14 ms of style and layout on one
 * frame here, a late frame on its own. A few rows a frame fit beside the step's other work.
 */
function useGradual(want: number, step: number): number {
  const [drawn, setDrawn] = useState(want);
  const count = gradualCount(want, drawn, step);
  // Caught up, or shrunk: remember it while rendering (React renders again before it
  // commits), so the next growth counts from what is on screen.
  if (count === want && drawn !== want) setDrawn(want);
  useEffect(() => {
    if (count === want) return;
    const id = requestAnimationFrame(() => setDrawn(count));
    return () => cancelAnimationFrame(id);
  }, [count, want]);
  return count;
}

/** The window of a scroll box's list; attach `ref` and `onScroll` to the box. */
export function useRowWindow(count: number, m: RowMetrics) {
  const ref = useRef<HTMLDivElement>(null);
  const [at, setAt] = useState({ top: 0, width: 0 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setAt({ top: el.scrollTop, width: el.clientWidth });
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    measure();
    return () => ro.disconnect();
  }, []);
  // Most scroll events move the box by a few pixels within the rows already drawn: keep the
  // state (and skip the render) until the window itself changes.
  const onScroll = (e: React.UIEvent<HTMLElement>) => {
    const next = { top: e.currentTarget.scrollTop, width: e.currentTarget.clientWidth };
    setAt((prev) => {
      const a = rowWindow(count, prev.width, prev.top, m);
      const b = rowWindow(count, next.width, next.top, m);
      return a.from === b.from && a.to === b.to && a.cols === b.cols ? prev : next;
    });
  };
  const win = rowWindow(count, at.width, at.top, m);
  const drawn = useGradual(win.to - win.from, m.grow);
  return { ref, onScroll, win: { ...win, to: win.from + drawn } };
}
