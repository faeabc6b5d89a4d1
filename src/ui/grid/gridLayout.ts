// Pure layout of a dense cell grid (large worlds are drawn on canvas, not as DOM cells).

export interface GridLayout {
  cols: number;
  rows: number;
  cell: number;
  gap: number;
  width: number;
  height: number;
}

/** Square cells sized so `count` of them fill `width` without growing past `maxHeight`. */
export function gridLayout(count: number, width: number, maxHeight: number): GridLayout {
  const w = Math.max(40, width);
  const fit = Math.floor(Math.sqrt((w * maxHeight) / Math.max(1, count)));
  const pitch = Math.max(4, Math.min(16, fit));
  const gap = pitch >= 9 ? 2 : 1;
  const cols = Math.max(1, Math.floor((w + gap) / pitch));
  const rows = Math.ceil(count / cols);
  return { cols, rows, cell: pitch - gap, gap, width: w, height: rows * pitch };
}

export function cellAt(l: GridLayout, i: number): { x: number; y: number } {
  const pitch = l.cell + l.gap;
  return { x: (i % l.cols) * pitch, y: Math.floor(i / l.cols) * pitch };
}

export function indexAt(l: GridLayout, x: number, y: number): number {
  const pitch = l.cell + l.gap;
  const c = Math.floor(x / pitch);
  const r = Math.floor(y / pitch);
  if (c < 0 || c >= l.cols || r < 0) return -1;
  return r * l.cols + c;
}
