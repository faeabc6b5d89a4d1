// The d3 animation layer: draws travelling tokens and ripples in an SVG overlay on the stage.
// It runs outside React's render path; React owns the cells, this only reads their positions.
import { easeCubicInOut, easeCubicOut } from 'd3-ease';
import { select } from 'd3-selection';
import 'd3-transition';
import type { Effects } from './effects.ts';
import { LOCATOR, type CellLocator } from '../grid/locator.ts';
import { arc, busRoute, centre, relative, type Box } from './geometry.ts';

const TOKEN_W = 30;
const TOKEN_H = 18;

function boxOf(stage: HTMLElement, key: string): Box | null {
  const origin = stage.getBoundingClientRect();
  const el = stage.querySelector<HTMLElement>(`[data-key="${key}"]`);
  if (el) return relative(el.getBoundingClientRect(), origin);
  // A cell of a dense (canvas) grid: ask the grid where it drew it.
  for (const c of stage.querySelectorAll('canvas[data-grid]')) {
    const r = (c as unknown as Record<symbol, CellLocator | undefined>)[LOCATOR]?.(key);
    if (!r) continue;
    const at = c.getBoundingClientRect();
    return { x: at.left - origin.left + r.x, y: at.top - origin.top + r.y, w: r.w, h: r.h };
  }
  return null;
}

/** Play one waypoint's effects over `ms` milliseconds. Cancels anything still running. */
export function animate(stage: HTMLElement, svgEl: SVGSVGElement, fx: Effects, ms: number) {
  const svg = select(svgEl);
  svg.selectAll(':not(.hover-pointer)').interrupt().remove();
  const bus = boxOf(stage, 'bus');
  const origin = stage.getBoundingClientRect();
  svg.attr('viewBox', `0 0 ${origin.width} ${origin.height}`);

  fx.moves.forEach((m, i) => {
    const a = boxOf(stage, m.from);
    const b = boxOf(stage, m.to);
    if (!a || !b) return;
    const d = m.viaBus && bus ? busRoute(a, b, bus) : arc(a, b);
    const delay = Math.min(i * 60, ms * 0.3);
    const dur = Math.max(120, ms * 0.75 - delay);
    const cls = m.dev >= 0 ? `dev-c${m.dev % 4}` : 'host';
    const trail = svg.append('path').attr('class', `trail ${cls}`).attr('d', d);
    const node = trail.node()!;
    const len = node.getTotalLength();
    trail
      .attr('stroke-dasharray', `${len} ${len}`)
      .attr('stroke-dashoffset', len)
      .transition()
      .delay(delay)
      .duration(dur)
      .ease(easeCubicInOut)
      .attr('stroke-dashoffset', 0)
      .transition()
      .duration(ms * 0.4)
      .style('opacity', 0)
      .remove();
    const [x0, y0] = centre(a);
    const token = svg
      .append('g')
      .attr('class', `token ${cls}`)
      .attr('transform', `translate(${x0},${y0})`);
    token
      .append('rect')
      .attr('x', -TOKEN_W / 2)
      .attr('y', -TOKEN_H / 2)
      .attr('width', TOKEN_W)
      .attr('height', TOKEN_H)
      .attr('rx', 4);
    token.append('text').attr('dy', '0.35em').text(m.label);
    const dest = stage.querySelector<HTMLElement>(`[data-key="${m.to}"]`);
    dest?.setAttribute('data-arriving', '');
    token
      .transition()
      .delay(delay)
      .duration(dur)
      .ease(easeCubicInOut)
      .attrTween('transform', () => (t) => {
        const p = node.getPointAtLength(t * len);
        return `translate(${p.x},${p.y})`;
      })
      .on('end interrupt', () => dest?.removeAttribute('data-arriving'))
      .transition()
      .duration(Math.min(200, ms * 0.2))
      .style('opacity', 0)
      .remove();
  });

  fx.ripples.forEach((r) => {
    const b = boxOf(stage, r.to);
    if (!b) return;
    const a = boxOf(stage, r.from) ?? boxOf(stage, 'proc');
    if (a) {
      const wave = svg
        .append('path')
        .attr('class', 'wave')
        .attr('d', arc(a, b, 0.12));
      const len = wave.node()!.getTotalLength();
      wave
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
  drawPointers(stage, svgEl, fx, ms);
}

export function clear(svgEl: SVGSVGElement) {
  select(svgEl).selectAll('*').interrupt().remove();
}

/** A CPU entry now points at a new frame: draw the pointer, then let it fade. */
export function drawPointers(stage: HTMLElement, svgEl: SVGSVGElement, fx: Effects, ms: number) {
  const svg = select(svgEl);
  for (const p of fx.pointers) {
    const a = boxOf(stage, p.from);
    const b = boxOf(stage, p.to);
    if (!a || !b) continue;
    const path = svg
      .append('path')
      .attr('class', 'pointer')
      .attr('d', arc(a, b, 0.08));
    const len = path.node()!.getTotalLength();
    path
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
  const a = boxOf(stage, from);
  const b = boxOf(stage, to);
  if (!a || !b) return;
  const origin = stage.getBoundingClientRect();
  svg.attr('viewBox', `0 0 ${origin.width} ${origin.height}`);
  svg
    .append('path')
    .attr('class', 'hover-pointer')
    .attr('d', arc(a, b, 0.08));
  const [x, y] = centre(b);
  svg.append('circle').attr('class', 'hover-pointer end').attr('cx', x).attr('cy', y).attr('r', 4);
}
