import { describe, expect, it } from 'vitest';
import { drawMark, endOf, extentOf, type Mark } from './marks.ts';
import { routeOf } from './route.ts';

/** A context that records what was stroked, at what opacity, and with which dash. */
function recorder() {
  const strokes: { alpha: number; dash: number[]; points: number }[] = [];
  const rects: { x: number; y: number; w: number; h: number }[] = [];
  let points = 0;
  let dash: number[] = [];
  const ctx = {
    globalAlpha: 1,
    strokeStyle: '',
    lineWidth: 1,
    setLineDash: (d: number[]) => (dash = d),
    beginPath: () => (points = 0),
    moveTo: () => points++,
    lineTo: () => points++,
    ellipse: () => points++,
    roundRect: (x: number, y: number, w: number, h: number) => rects.push({ x, y, w, h }),
    stroke: () => strokes.push({ alpha: ctx.globalAlpha, dash: [...dash], points }),
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, strokes, rects };
}

const line = routeOf((to) => {
  to.moveTo(0, 0);
  to.lineTo(100, 40);
});
const colours = { inval: 'm', ink: 'k', hl: 'h' };
const wave: Mark = { kind: 'wave', route: line, ms: 1000 };
const pointer: Mark = { kind: 'pointer', route: line, ms: 1000 };
const ripple: Mark = { kind: 'ripple', box: { x: 10, y: 20, w: 60, h: 30 }, ms: 1000 };
const cell = { x: 100, y: 50, w: 50, h: 40 };
const pop: Mark = { kind: 'pop', box: cell, ms: 1000, key: 'host-3' };

describe('marks', () => {
  it('a wave is revealed dashed, held, then faded, as the SVG transition did', () => {
    const at = (t: number) => {
      const r = recorder();
      drawMark(r.ctx, wave, t, colours);
      return r.strokes;
    };
    expect(at(0)).toEqual([]); // nothing revealed yet
    const early = at(100)[0];
    expect(early.dash).toEqual([6, 5]);
    expect(early.alpha).toBeCloseTo(0.9);
    expect(at(700)[0].alpha).toBeLessThan(0.9);
    expect(at(700)[0].alpha).toBeGreaterThan(0);
    expect(at(endOf(wave))).toEqual([]);
  });

  it('a pointer reveals along its route before it fades', () => {
    const r1 = recorder();
    drawMark(r1.ctx, pointer, 100, colours);
    const r2 = recorder();
    drawMark(r2.ctx, pointer, 500, colours);
    expect(r1.strokes[0].points).toBeLessThanOrEqual(r2.strokes[0].points);
    expect(r2.strokes[0].dash).toEqual([3, 3]);
    const gone = recorder();
    drawMark(gone.ctx, pointer, endOf(pointer), colours);
    expect(gone.strokes).toEqual([]);
  });

  it('a ripple waits small, then spreads and fades out', () => {
    const r = recorder();
    drawMark(r.ctx, ripple, 100, colours);
    expect(r.strokes[0].alpha).toBe(1);
    const late = recorder();
    drawMark(late.ctx, ripple, 900, colours);
    expect(late.strokes[0].alpha).toBeLessThan(0.1);
    const gone = recorder();
    drawMark(gone.ctx, ripple, endOf(ripple), colours);
    expect(gone.strokes).toEqual([]);
  });

  it('a pop closes in on its cell from around it and fades as it lands', () => {
    const at = (t: number) => {
      const r = recorder();
      drawMark(r.ctx, pop, t, colours);
      return { stroke: r.strokes[0], rect: r.rects[0] };
    };
    const first = at(0);
    expect(first.stroke.alpha).toBe(1);
    expect(first.rect.w).toBeCloseTo(cell.w + 24); // 12 px out on each side
    // centred on the cell
    expect(first.rect.x + first.rect.w / 2).toBeCloseTo(cell.x + cell.w / 2);
    expect(first.rect.y + first.rect.h / 2).toBeCloseTo(cell.y + cell.h / 2);
    const later = at(200);
    expect(later.rect.w).toBeLessThan(first.rect.w);
    expect(later.rect.w).toBeGreaterThan(cell.w + 3); // still outside the cell's own ring
    expect(later.stroke.alpha).toBeLessThan(1);
    expect(at(endOf(pop)).stroke).toBeUndefined();
  });

  it('a pop lasts as the CSS pop did, shorter only when steps come faster', () => {
    expect(endOf(pop)).toBe(450);
    expect(endOf({ ...pop, ms: 200 })).toBe(200);
  });

  it('extents cover the route and the spread ripple', () => {
    expect(extentOf(wave)).toEqual([-3, -3, 103, 43]);
    const [x0, y0, x1, y1] = extentOf(ripple);
    // fully spread: radius w/2 + 10 around the centre (40, 35)
    expect(x0).toBeLessThanOrEqual(40 - 40);
    expect(y0).toBeLessThanOrEqual(35 - 25);
    expect(x1).toBeGreaterThanOrEqual(40 + 40);
    expect(y1).toBeGreaterThanOrEqual(35 + 25);
    // the pop's first, biggest ring and half its line width
    const [px0, py0, px1, py1] = extentOf(pop);
    expect(px0).toBeLessThanOrEqual(cell.x - 12 - 1.5);
    expect(py0).toBeLessThanOrEqual(cell.y - 12 - 1.5);
    expect(px1).toBeGreaterThanOrEqual(cell.x + cell.w + 12 + 1.5);
    expect(py1).toBeGreaterThanOrEqual(cell.y + cell.h + 12 + 1.5);
  });
});
