import { describe, expect, it } from 'vitest';
import { traceArc, traceBusRoute } from './geometry.ts';
import { lengthOf, pointAt, routeOf, traceUpTo } from './route.ts';

const box = (x: number, y: number) => ({ x, y, w: 10, h: 10 });

describe('route', () => {
  it('measures a straight line and finds points along it', () => {
    const r = routeOf((to) => {
      to.moveTo(0, 0);
      to.lineTo(30, 40);
    });
    expect(lengthOf(r)).toBe(50);
    expect(pointAt(r, 25)).toEqual([15, 20]);
    expect(pointAt(r, -1)).toEqual([0, 0]);
    expect(pointAt(r, 99)).toEqual([30, 40]);
  });

  it('starts and ends a bus route at the centres of its cells', () => {
    const r = routeOf((to) =>
      traceBusRoute(to, box(0, 0), box(200, 50), { x: 90, y: 0, w: 10, h: 200 }),
    );
    expect(pointAt(r, 0)).toEqual([5, 5]);
    const [x, y] = pointAt(r, lengthOf(r));
    expect(x).toBeCloseTo(205);
    expect(y).toBeCloseTo(55);
    expect(lengthOf(r)).toBeGreaterThan(Math.hypot(200, 50));
  });

  it('draws a trail up to the distance travelled, no further', () => {
    const r = routeOf((to) => traceArc(to, box(0, 0), box(100, 0)));
    const xs: number[] = [];
    const sink = {
      moveTo: (x: number) => xs.push(x),
      lineTo: (x: number) => xs.push(x),
      bezierCurveTo: () => {},
      quadraticCurveTo: () => {},
      closePath: () => {},
    };
    traceUpTo(sink, r, lengthOf(r) / 2);
    expect(xs[0]).toBe(5);
    expect(xs[xs.length - 1]).toBeCloseTo(pointAt(r, lengthOf(r) / 2)[0]);
    expect(Math.max(...xs)).toBeLessThan(100);
  });
});
