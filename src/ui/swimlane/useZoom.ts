// d3-zoom over the swim-lane's x axis: wheel zooms around the pointer, drag pans, and the
// keyboard does both. The transform lives in a ref: a pan repaints the canvas, not React.
import { select } from 'd3-selection';
import {
  zoom,
  zoomIdentity,
  type D3ZoomEvent,
  type ZoomBehavior,
  type ZoomTransform,
} from 'd3-zoom';
import { useEffect, useLayoutEffect, useRef } from 'react';
import { GUTTER } from './geometry.ts';

/** At the deepest zoom this many waypoints fill the plot. */
const MIN_VISIBLE = 6;

export function useZoom(
  el: React.RefObject<HTMLDivElement | null>,
  /** Where the live transform is kept (read by the painter on each frame). */
  transform: React.RefObject<ZoomTransform>,
  width: number,
  height: number,
  count: number,
  onZoom: (t: ZoomTransform, active: boolean) => void,
) {
  const behaviour = useRef<ZoomBehavior<HTMLDivElement, unknown> | null>(null);
  const cb = useRef(onZoom);
  useLayoutEffect(() => {
    cb.current = onZoom;
  });

  useEffect(() => {
    const node = el.current;
    if (!node || count === 0) return;
    const z = zoom<HTMLDivElement, unknown>()
      .scaleExtent([1, Math.max(1, count / MIN_VISIBLE)])
      .extent([
        [GUTTER, 0],
        [width, height],
      ])
      .translateExtent([
        [GUTTER, 0],
        [width, height],
      ])
      // The plot only zooms sideways: a vertical drag must not move anything.
      .constrain((t, extent, translate) => {
        const lo = extent[1][0] - translate[1][0] * t.k;
        const hi = extent[0][0] - translate[0][0] * t.k;
        const x = Math.min(hi, Math.max(lo, t.x));
        const k = t.k;
        return x === t.x && t.y === 0 ? t : zoomIdentity.translate(x, 0).scale(k);
      })
      .on('start zoom end', (e: D3ZoomEvent<HTMLDivElement, unknown>) => {
        transform.current = e.transform;
        cb.current(e.transform, e.type !== 'end');
      });
    const sel = select(node);
    sel.call(z).on('dblclick.zoom', null);
    behaviour.current = z;
    // Keep the view across a resize or a longer run: re-apply, now constrained to the new extent.
    z.transform(sel, transform.current);
    return () => {
      sel.on('.zoom', null);
      behaviour.current = null;
    };
  }, [el, transform, width, height, count]);

  const apply = (t: ZoomTransform) => {
    const z = behaviour.current;
    if (z && el.current) z.transform(select(el.current), t);
  };
  return {
    /** Zoom by factor k around x (CSS px in the plot). */
    zoomBy(k: number, x: number) {
      const z = behaviour.current;
      if (z && el.current) z.scaleBy(select(el.current), k, [x, 0]);
    },
    panBy(dx: number) {
      const z = behaviour.current;
      if (z && el.current) z.translateBy(select(el.current), dx / transform.current.k, 0);
    },
    fit: () => apply(zoomIdentity),
    /** Pan (keeping the zoom) so that x lands at `to`. */
    panTo(x: number, to: number) {
      const t = transform.current;
      apply(zoomIdentity.translate(t.x + (to - x), 0).scale(t.k));
    },
  };
}
