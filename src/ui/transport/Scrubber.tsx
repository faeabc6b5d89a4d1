import { scaleLinear } from 'd3-scale';
import { memo, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { TimelineSummary } from '../../timeline/types.ts';
import { useLab } from '../store/store.ts';
import { MARKER_LABEL, MARKER_ORDER, markerPath, markerRow } from './markerShapes.ts';

const ROW = 7;
const TOP = 6;
const HEIGHT = TOP * 2 + ROW * MARKER_ORDER.length;

/** The run at a glance: action bands, markers per kind, and a draggable cursor. */
export function Scrubber() {
  const summary = useLab((s) => s.summary);
  const index = useLab((s) => s.frame?.index ?? 0);
  const seek = useLab((s) => s.seek);
  const pause = useLab((s) => s.pause);
  const ref = useRef<SVGSVGElement>(null);
  const [width, setWidth] = useState(600);
  const hasSummary = !!summary;

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(el.clientWidth || 600));
    ro.observe(el);
    return () => ro.disconnect();
  }, [hasSummary]);

  const count = summary?.count ?? 1;
  const x = useMemo(
    () =>
      scaleLinear()
        .domain([0, Math.max(1, count - 1)])
        .range([8, width - 8]),
    [count, width],
  );

  if (!summary) return null;
  const toIndex = (clientX: number) => {
    const r = ref.current!.getBoundingClientRect();
    return Math.round(x.invert(clientX - r.left));
  };
  const onPointer = (e: React.PointerEvent) => {
    if (e.type === 'pointerdown') {
      (e.target as Element).setPointerCapture?.(e.pointerId);
      pause();
    } else if ((e.buttons & 1) === 0) return;
    void seek(toIndex(e.clientX), 'jump');
  };

  return (
    <div className="scrubber-wrap">
      <svg
        ref={ref}
        className="scrubber"
        height={HEIGHT}
        role="slider"
        aria-label="waypoint"
        aria-valuemin={0}
        aria-valuemax={count - 1}
        aria-valuenow={index}
        onPointerDown={onPointer}
        onPointerMove={onPointer}
      >
        <RunMarks summary={summary} x={x} />
        <g className="cursor" transform={`translate(${x(index)},0)`}>
          <line y1={0} y2={HEIGHT} />
          <path d={`M-5,0L5,0L0,6Z`} />
        </g>
      </svg>
      <div className="legend" aria-hidden>
        {MARKER_ORDER.map((k) => (
          <span key={k} className="legend-item">
            <svg width="10" height="10" viewBox="-5 -5 10 10">
              <path className={`mk mk-${k}`} d={markerPath(k, 3.5)} />
            </svg>
            {MARKER_LABEL[k]}
          </span>
        ))}
      </div>
    </div>
  );
}

/**
 * Action bands and markers: thousands of elements on a long run that only change with the run
 * or the width, so a step (which moves only the cursor) leaves them alone.
 */
const RunMarks = memo(function RunMarks({
  summary,
  x,
}: {
  summary: TimelineSummary;
  x: (i: number) => number;
}) {
  // One glyph per kind per pixel column keeps long runs cheap to draw.
  const marks = useMemo(() => {
    const seen = new Set<string>();
    const out: { x: number; kind: (typeof MARKER_ORDER)[number]; seq: number }[] = [];
    for (const m of summary.markers) {
      const px = Math.round(x(m.seq));
      const k = `${m.kind}:${px}`;
      if (seen.has(k)) continue;
      seen.add(k);
      out.push({ x: px, kind: m.kind, seq: m.seq });
    }
    return out;
  }, [summary, x]);

  return (
    <>
      {summary.actions.map((s, i) => (
        <rect
          key={s.i}
          className={`band ${i % 2 ? 'odd' : ''} ${s.result && s.result.status !== 'ok' ? 'errno' : ''}`}
          x={x(s.first) - 2}
          y={0}
          width={Math.max(2, x(s.last) - x(s.first) + 4)}
          height={HEIGHT}
        >
          <title>{`${s.i < 0 ? 'setup' : `action ${s.i + 1}: ${s.op}`}${s.result && s.result.status !== 'ok' ? ` → ${s.result.status}` : ''}`}</title>
        </rect>
      ))}
      {marks.map((m) => (
        <path
          key={`${m.kind}${m.x}`}
          className={`mk mk-${m.kind}`}
          d={markerPath(m.kind, 3)}
          transform={`translate(${m.x},${TOP + markerRow(m.kind) * ROW + ROW / 2})`}
        />
      ))}
    </>
  );
});
