import { describe, expect, it } from 'vitest';
import { drawCells, type PlacedPaint } from './paint.ts';

/** A 2D context that records what is drawn, with the style each fill or stroke used. */
function recorder() {
  const log: string[] = [];
  let rects = 0;
  const ctx = {
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    clearRect: (x: number, y: number) => log.push(`clear ${x},${y}`),
    beginPath: () => (rects = 0),
    rect: () => rects++,
    moveTo: () => {},
    lineTo: () => {},
    closePath: () => {},
    setLineDash: (d: number[]) => log.push(`dash ${d.join(',')}`),
    fill: () => log.push(`fill ${ctx.fillStyle} x${rects}`),
    stroke: () => log.push(`stroke ${ctx.strokeStyle} w${ctx.lineWidth} x${rects}`),
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, log };
}

const col = (v: string) => v.replace('--', '');

describe('drawCells', () => {
  it('clears each cell, then draws layer by layer with one path per colour', () => {
    const { ctx, log } = recorder();
    const cells: PlacedPaint[] = [
      { x: 0, y: 0, p: { fill: '--host', stroke: '--host', ring: 'changed' } },
      { x: 10, y: 0, p: { fill: '--host', half: true, stroke: '--host' } },
      { x: 20, y: 0, p: { stroke: '--faint', dashed: true } },
      { x: 30, y: 0, p: { stripe: '--dev0', stroke: '--dev0', ring: 'changed' } },
    ];
    drawCells(ctx, cells, 8, col);
    expect(log.filter((l) => l.startsWith('clear'))).toEqual([
      'clear 0,0',
      'clear 10,0',
      'clear 20,0',
      'clear 30,0',
    ]);
    const drawn = log.filter((l) => !l.startsWith('clear'));
    expect(drawn).toEqual([
      'fill host x2',
      'stroke dev0 w1 x0',
      'dash ',
      'stroke host w1 x2',
      'dash 2,2',
      'stroke faint w1 x1',
      'dash ',
      'stroke dev0 w1 x1',
      'dash ',
      'stroke hl w2 x2',
    ]);
  });

  it('draws the pin corners last, one path over every pinned cell', () => {
    const { ctx, log } = recorder();
    const cells: PlacedPaint[] = [
      { x: 0, y: 0, p: { fill: '--host', stroke: '--host', pin: true } },
      { x: 10, y: 0, p: { fill: '--host', stroke: '--host' } },
      { x: 20, y: 0, p: { stripe: '--dev0', stroke: '--dev0', ring: 'changed', pin: true } },
    ];
    drawCells(ctx, cells, 8, col);
    expect(log.at(-1)).toBe('fill ink x0');
    expect(log.filter((l) => l.startsWith('fill ink'))).toHaveLength(1);
  });

  it('on a blank canvas (just sized) draws the same without clearing first', () => {
    const cells: PlacedPaint[] = [
      { x: 0, y: 0, p: { fill: '--host', stroke: '--host' } },
      { x: 10, y: 0, p: { stripe: '--dev0', ring: 'fault' } },
    ];
    const cleared = recorder();
    drawCells(cleared.ctx, cells, 8, col);
    const blank = recorder();
    drawCells(blank.ctx, cells, 8, col, false);
    expect(blank.log).toEqual(cleared.log.filter((l) => !l.startsWith('clear')));
    expect(blank.log.length).toBeGreaterThan(0);
  });

  it('draws nothing for no cells', () => {
    const { ctx, log } = recorder();
    drawCells(ctx, [], 8, col);
    expect(log).toEqual([]);
  });
});
