// A long list in a short scroll box, drawn a window at a time: the device page table can hold
// thousands of entries, and a step that fills it (256 pages at finalize) would otherwise lay
// out and paint every row at once. Rows are a fixed height in as many columns as fit.
import { useLayoutEffect, useRef, useState } from 'react';

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
  return { ref, onScroll, win: rowWindow(count, at.width, at.top, m) };
}
