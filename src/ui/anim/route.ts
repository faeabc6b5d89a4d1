// A route as a polyline with cumulative lengths: where a token is after travelling some distance,
// and how much of its trail to draw. Pure math (no DOM), so a frame costs no layout reads.
import type { PathSink } from './geometry.ts';

export interface Route {
  xs: number[];
  ys: number[];
  /** Distance along the route at each point; the last entry is the total length. */
  at: number[];
}

/** Samples per curve segment: smooth at the scale of the stage, cheap to walk every frame. */
const STEPS = 12;

/** Flatten whatever `trace` draws into a route. */
export function routeOf(trace: (to: PathSink) => void): Route {
  const r: Route = { xs: [], ys: [], at: [] };
  const add = (x: number, y: number) => {
    const n = r.xs.length;
    const d = n ? r.at[n - 1] + Math.hypot(x - r.xs[n - 1], y - r.ys[n - 1]) : 0;
    r.xs.push(x);
    r.ys.push(y);
    r.at.push(d);
  };
  const last = () => [r.xs[r.xs.length - 1] ?? 0, r.ys[r.ys.length - 1] ?? 0];
  trace({
    moveTo: add,
    lineTo: add,
    closePath: () => add(r.xs[0] ?? 0, r.ys[0] ?? 0),
    quadraticCurveTo(x1, y1, x, y) {
      const [x0, y0] = last();
      for (let k = 1; k <= STEPS; k++) {
        const t = k / STEPS;
        const u = 1 - t;
        add(u * u * x0 + 2 * u * t * x1 + t * t * x, u * u * y0 + 2 * u * t * y1 + t * t * y);
      }
    },
    bezierCurveTo(x1, y1, x2, y2, x, y) {
      const [x0, y0] = last();
      for (let k = 1; k <= STEPS; k++) {
        const t = k / STEPS;
        const u = 1 - t;
        const a = u * u * u;
        const b = 3 * u * u * t;
        const c = 3 * u * t * t;
        const d = t * t * t;
        add(a * x0 + b * x1 + c * x2 + d * x, a * y0 + b * y1 + c * y2 + d * y);
      }
    },
  });
  return r;
}

export const lengthOf = (r: Route): number => r.at[r.at.length - 1] ?? 0;

/** [x0, y0, x1, y1] of the route's points, grown by `margin`, widening `into` if given. */
export function boundsOf(
  r: Route,
  margin: number,
  into: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity],
): [number, number, number, number] {
  let [x0, y0, x1, y1] = into;
  for (let i = 0; i < r.xs.length; i++) {
    x0 = Math.min(x0, r.xs[i] - margin);
    y0 = Math.min(y0, r.ys[i] - margin);
    x1 = Math.max(x1, r.xs[i] + margin);
    y1 = Math.max(y1, r.ys[i] + margin);
  }
  return [x0, y0, x1, y1];
}

/** Index of the segment holding distance `d` (the point before it). */
function segment(r: Route, d: number): number {
  let lo = 0;
  let hi = r.at.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (r.at[mid] <= d) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** The point at distance `d` along the route (clamped to its ends). */
export function pointAt(r: Route, d: number): [number, number] {
  const n = r.xs.length;
  if (n === 0) return [0, 0];
  if (d <= 0 || n === 1) return [r.xs[0], r.ys[0]];
  if (d >= r.at[n - 1]) return [r.xs[n - 1], r.ys[n - 1]];
  const i = segment(r, d);
  const span = r.at[i + 1] - r.at[i];
  const t = span > 0 ? (d - r.at[i]) / span : 0;
  return [r.xs[i] + (r.xs[i + 1] - r.xs[i]) * t, r.ys[i] + (r.ys[i + 1] - r.ys[i]) * t];
}

/** Draw the first `d` of the route into `to` (a trail being revealed). */
export function traceUpTo(to: PathSink, r: Route, d: number): void {
  const n = r.xs.length;
  if (n === 0 || d <= 0) return;
  to.moveTo(r.xs[0], r.ys[0]);
  for (let i = 1; i < n; i++) {
    if (r.at[i] >= d) {
      const [x, y] = pointAt(r, d);
      to.lineTo(x, y);
      return;
    }
    to.lineTo(r.xs[i], r.ys[i]);
  }
}
