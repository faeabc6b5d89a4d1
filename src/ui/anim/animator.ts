// The animation layer over the stage: travelling pages, waves, ripples and pointers drawn on
// one canvas (tokenLayer.ts, marks.ts); the SVG overlay holds only the hover pointer. It runs
// outside React's render path; React owns the cells, this only reads their positions.
import { select } from 'd3-selection';
import type { Effects } from './effects.ts';
import { LOCATOR, type CellLocator } from '../grid/locator.ts';
import { arc, centre, relative, traceArc, traceBusRoute, type Box } from './geometry.ts';
import type { Mark } from './marks.ts';
import { routeOf } from './route.ts';
import type { Flight, TokenLayer } from './tokenLayer.ts';

/**
 * Finds cells by key in stage coordinates. Made once per animation: the stage's and the dense
 * grids' positions are read once, and the keyed elements indexed once, however many cells are
 * looked up (a selector query per key scans the whole stage: 256 moves cost ~9 ms of it).
 */
function boxFinder(stage: HTMLElement) {
  const origin = stage.getBoundingClientRect();
  const keyed = new Map<string, HTMLElement>();
  for (const el of stage.querySelectorAll<HTMLElement>('[data-key]'))
    keyed.set(el.dataset.key!, el);
  const grids = [...stage.querySelectorAll('canvas[data-grid]')].map((c) => ({
    locate: (c as unknown as Record<symbol, CellLocator | undefined>)[LOCATOR],
    rect: null as DOMRect | null,
    c,
  }));
  const boxOf = (key: string): Box | null => {
    const el = keyed.get(key);
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
  return { origin, boxOf, elementOf: (key: string) => keyed.get(key) ?? null };
}

/**
 * The cells the step changed that are in view, to pop: none when the step rings so many that
 * popping each would be noise (Stage marks it calm). A device page-table row scrolled (or
 * drawn ahead) out of its table's view does not pop over whatever is there.
 */
function popsOf(stage: HTMLElement, origin: DOMRect, ms: number): Mark[] {
  if (stage.classList.contains('calm')) return [];
  const pops: Mark[] = [];
  for (const el of stage.querySelectorAll<HTMLElement>('.cell.changed, .devpt-row.changed')) {
    const r = el.getBoundingClientRect();
    const view = el.closest('.devpt-rows')?.getBoundingClientRect();
    if (view && (r.top < view.top || r.bottom > view.bottom)) continue;
    pops.push({ kind: 'pop', box: relative(r, origin), ms, key: el.dataset.key ?? '' });
  }
  return pops;
}

/**
 * Play one waypoint's effects over `ms` milliseconds, and pop the cells it changed.
 * Cancels anything still running.
 */
export function animate(stage: HTMLElement, tokens: TokenLayer, fx: Effects, ms: number) {
  tokens.clear();
  const { origin, boxOf, elementOf } = boxFinder(stage);
  const bus = boxOf('bus');

  const flights: Flight[] = [];
  /** The box around every cell of a group (one cell: its own box). */
  const unionOf = (keys: string[]): Box | null => {
    let u: Box | null = null;
    for (const k of keys) {
      const b = boxOf(k);
      if (!b) continue;
      if (!u) u = { ...b };
      else {
        const x1 = Math.max(u.x + u.w, b.x + b.w);
        const y1 = Math.max(u.y + u.h, b.y + b.h);
        u.x = Math.min(u.x, b.x);
        u.y = Math.min(u.y, b.y);
        u.w = x1 - u.x;
        u.h = y1 - u.y;
      }
    }
    return u;
  };
  fx.moves.forEach((m, i) => {
    const a = m.group ? unionOf(m.group.from) : boxOf(m.from);
    const b = m.group ? unionOf(m.group.to) : boxOf(m.to);
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
      dest: elementOf(m.to),
    });
  });

  const marks = popsOf(stage, origin, ms);
  for (const r of fx.ripples) {
    const b = boxOf(r.to);
    if (!b) continue;
    const a = boxOf(r.from) ?? boxOf('proc');
    if (a) marks.push({ kind: 'wave', route: routeOf((to) => traceArc(to, a, b, 0.12)), ms });
    marks.push({ kind: 'ripple', box: b, ms });
  }
  for (const p of fx.pointers) {
    const a = boxOf(p.from);
    const b = boxOf(p.to);
    if (a && b)
      marks.push({ kind: 'pointer', route: routeOf((to) => traceArc(to, a, b, 0.08)), ms });
  }
  tokens.play(flights, marks);
}

export function clear(svgEl: SVGSVGElement, tokens: TokenLayer | undefined) {
  select(svgEl).selectAll('*').remove();
  tokens?.clear();
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
