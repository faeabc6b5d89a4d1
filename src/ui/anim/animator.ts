// The animation layer over the stage: travelling pages on a canvas (tokenLayer.ts), ripples and
// pointers as d3-animated SVG. It runs outside React's render path; React owns the cells, this
// only reads their positions.
import { easeCubicOut } from 'd3-ease';
import { select } from 'd3-selection';
import 'd3-transition';
import type { Effects } from './effects.ts';
import { LOCATOR, type CellLocator } from '../grid/locator.ts';
import { arc, centre, relative, traceArc, traceBusRoute, type Box } from './geometry.ts';
import { lengthOf, routeOf } from './route.ts';
import type { Flight, TokenLayer } from './tokenLayer.ts';

/**
 * Finds cells by key in stage coordinates. Made once per animation: the stage's and the dense
 * grids' positions are read once, however many cells are looked up.
 */
function boxFinder(stage: HTMLElement) {
  const origin = stage.getBoundingClientRect();
  const grids = [...stage.querySelectorAll('canvas[data-grid]')].map((c) => ({
    locate: (c as unknown as Record<symbol, CellLocator | undefined>)[LOCATOR],
    rect: null as DOMRect | null,
    c,
  }));
  const boxOf = (key: string): Box | null => {
    const el = stage.querySelector<HTMLElement>(`[data-key="${key}"]`);
    if (el) return relative(el.getBoundingClientRect(), origin);
    // A cell of a dense (canvas) grid: ask the grid where it drew it.
    for (const g of grids) {
      const r = g.locate?.(key);
      if (!r) continue;
      g.rect ??= g.c.getBoundingClientRect();
      return {
        x: g.rect.left - origin.left + r.x,
        y: g.rect.top - origin.top + r.y,
        w: r.w,
        h: r.h,
      };
    }
    return null;
  };
  return { origin, boxOf };
}

/**
 * A dash at least as long as the arc, to reveal it by its offset. Measured on the flattened
 * route rather than with getTotalLength, which forces a layout per path right after the
 * previous one was appended (16 pointers cost ~10 ms of layout thrash on a 4096-page step).
 * The flattened length is a hair short of the true one, hence the margin.
 */
const dashLength = (a: Box, b: Box, bend: number) =>
  lengthOf(routeOf((to) => traceArc(to, a, b, bend))) * 1.01 + 1;

/** Play one waypoint's effects over `ms` milliseconds. Cancels anything still running. */
export function animate(
  stage: HTMLElement,
  svgEl: SVGSVGElement,
  tokens: TokenLayer,
  fx: Effects,
  ms: number,
) {
  stop(svgEl, tokens);
  const svg = select(svgEl);
  const { origin, boxOf } = boxFinder(stage);
  const bus = boxOf('bus');
  svg.attr('viewBox', `0 0 ${origin.width} ${origin.height}`);

  const flights: Flight[] = [];
  fx.moves.forEach((m, i) => {
    const a = boxOf(m.from);
    const b = boxOf(m.to);
    if (!a || !b) return;
    const delay = Math.min(i * 60, ms * 0.3);
    flights.push({
      route: routeOf((to) => (m.viaBus && bus ? traceBusRoute(to, a, b, bus) : traceArc(to, a, b))),
      label: m.label,
      dev: m.dev,
      delay,
      dur: Math.max(120, ms * 0.75 - delay),
      tokenFade: Math.min(200, ms * 0.2),
      trailFade: ms * 0.4,
      dest: stage.querySelector(`[data-key="${m.to}"]`),
    });
  });
  tokens.play(flights);

  fx.ripples.forEach((r) => {
    const b = boxOf(r.to);
    if (!b) return;
    const a = boxOf(r.from) ?? boxOf('proc');
    if (a) {
      const len = dashLength(a, b, 0.12);
      svg
        .append('path')
        .attr('class', 'wave')
        .attr('d', arc(a, b, 0.12))
        .attr('stroke-dasharray', `6 5`)
        .style('opacity', 0.9)
        .attr('stroke-dashoffset', len)
        .transition()
        .duration(ms * 0.6)
        .ease(easeCubicOut)
        .attr('stroke-dashoffset', 0)
        .transition()
        .duration(ms * 0.3)
        .style('opacity', 0)
        .remove();
    }
    const [cx, cy] = centre(b);
    svg
      .append('ellipse')
      .attr('class', 'ripple')
      .attr('cx', cx)
      .attr('cy', cy)
      .attr('rx', 4)
      .attr('ry', 4)
      .transition()
      .delay(ms * 0.35)
      .duration(ms * 0.6)
      .ease(easeCubicOut)
      .attr('rx', b.w / 2 + 10)
      .attr('ry', b.h / 2 + 10)
      .style('opacity', 0)
      .remove();
  });
  drawPointers(svgEl, boxOf, fx, ms);
}

/** End whatever is still running; the hover pointer stays (the pointer still rests there). */
export function stop(svgEl: SVGSVGElement, tokens: TokenLayer) {
  select(svgEl).selectAll(':not(.hover-pointer)').interrupt().remove();
  tokens.clear();
}

export function clear(svgEl: SVGSVGElement, tokens: TokenLayer) {
  select(svgEl).selectAll('*').interrupt().remove();
  tokens.clear();
}

/** A CPU entry now points at a new frame: draw the pointer, then let it fade. */
function drawPointers(
  svgEl: SVGSVGElement,
  boxOf: (key: string) => Box | null,
  fx: Effects,
  ms: number,
) {
  const svg = select(svgEl);
  for (const p of fx.pointers) {
    const a = boxOf(p.from);
    const b = boxOf(p.to);
    if (!a || !b) continue;
    const len = dashLength(a, b, 0.08);
    svg
      .append('path')
      .attr('class', 'pointer')
      .attr('d', arc(a, b, 0.08))
      .attr('stroke-dasharray', `${len} ${len}`)
      .attr('stroke-dashoffset', len)
      .transition()
      .duration(ms * 0.5)
      .ease(easeCubicOut)
      .attr('stroke-dashoffset', 0)
      .transition()
      .delay(ms * 0.6)
      .duration(ms * 0.4)
      .style('opacity', 0)
      .remove();
  }
}

/** While the pointer rests on a page: a line from it to the frame its CPU entry points at. */
export function hoverPointer(
  stage: HTMLElement,
  svgEl: SVGSVGElement,
  from: string | null,
  to: string | null,
) {
  const svg = select(svgEl);
  svg.selectAll('.hover-pointer').remove();
  if (!from || !to) return;
  const { origin, boxOf } = boxFinder(stage);
  const a = boxOf(from);
  const b = boxOf(to);
  if (!a || !b) return;
  svg.attr('viewBox', `0 0 ${origin.width} ${origin.height}`);
  svg
    .append('path')
    .attr('class', 'hover-pointer')
    .attr('d', arc(a, b, 0.08));
  const [x, y] = centre(b);
  svg.append('circle').attr('class', 'hover-pointer end').attr('cx', x).attr('cy', y).attr('r', 4);
}
