// Pure layout math for the animation layer: no DOM here, only rectangles in stage coordinates.
import { curveBasis, line } from 'd3-shape';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export const centre = (b: Box): [number, number] => [b.x + b.w / 2, b.y + b.h / 2];

/** The calls a route makes: a canvas context satisfies it, and so does a route flattener. */
export interface PathSink {
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  bezierCurveTo(x1: number, y1: number, x2: number, y2: number, x: number, y: number): void;
  quadraticCurveTo(x1: number, y1: number, x: number, y: number): void;
  closePath(): void;
}

// d3 types its context as a canvas context; it calls only the PathSink methods.
const smooth = (to: PathSink) =>
  line<[number, number]>()
    .curve(curveBasis)
    .context(to as unknown as CanvasRenderingContext2D);

/**
 * The route of a page travelling between host RAM and a device: out of its frame sideways,
 * along the bus, and into the other frame. A bus taller than wide is vertical (wide layout);
 * otherwise the layout is stacked and the bus runs horizontally.
 */
export function traceBusRoute(to: PathSink, src: Box, dst: Box, bus: Box): void {
  const [sx, sy] = centre(src);
  const [dx, dy] = centre(dst);
  if (bus.h >= bus.w) {
    const bx = bus.x + bus.w / 2;
    const lo = bus.y + 8;
    const hi = bus.y + bus.h - 8;
    const clampY = (y: number) => Math.max(lo, Math.min(hi, y));
    // Dip into the bus so a page between frames at the same height still rides along it.
    const dip = clampY((sy + dy) / 2 + Math.min(60, bus.h / 6));
    smooth(to)([
      [sx, sy],
      [bx, clampY(sy)],
      [bx, dip],
      [bx, clampY(dy)],
      [dx, dy],
    ]);
    return;
  }
  const by = bus.y + bus.h / 2;
  smooth(to)([
    [sx, sy],
    [sx, by],
    [(sx + dx) / 2, by],
    [dx, by],
    [dx, dy],
  ]);
}

function arcPoints(src: Box, dst: Box, bend: number) {
  const [sx, sy] = centre(src);
  const [dx, dy] = centre(dst);
  return {
    sx,
    sy,
    dx,
    dy,
    mx: (sx + dx) / 2 - (dy - sy) * bend,
    my: (sy + dy) / 2 + (dx - sx) * bend,
  };
}

/** A direct arc, for moves that do not cross the bus (to the free list, a ripple). */
export function arc(src: Box, dst: Box, bend = 0.25): string {
  const { sx, sy, dx, dy, mx, my } = arcPoints(src, dst, bend);
  return `M${sx},${sy}Q${mx},${my} ${dx},${dy}`;
}

/** The same arc, drawn into a path sink. */
export function traceArc(to: PathSink, src: Box, dst: Box, bend = 0.25): void {
  const { sx, sy, dx, dy, mx, my } = arcPoints(src, dst, bend);
  to.moveTo(sx, sy);
  to.quadraticCurveTo(mx, my, dx, dy);
}

/** Stage-relative box of a client rect. */
export function relative(r: DOMRect, origin: DOMRect): Box {
  return { x: r.left - origin.left, y: r.top - origin.top, w: r.width, h: r.height };
}
