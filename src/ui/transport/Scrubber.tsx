import { scaleLinear } from 'd3-scale';
import {
  memo,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import type { TimelineSummary } from '../../timeline/types.ts';
import { useLab } from '../store/store.ts';
import { MARKER_LABEL, MARKER_ORDER, markerPath } from './markerShapes.ts';
import { bandAt, bandLabel, drawRunMarks, HEIGHT } from './runMarks.ts';

/** The run at a glance: action bands, markers per kind, and a draggable cursor. */
export function Scrubber() {
  const summary = useLab((s) => s.summary);
  const index = useLab((s) => s.frame?.index ?? 0);
  const seek = useLab((s) => s.seek);
  const pause = useLab((s) => s.pause);
  const ref = useRef<HTMLDivElement>(null);
  // Unknown until laid out: the lane is drawn once, at its real width (drawing a long run's
  // marks at a guessed width first cost the first frame of a 131k-waypoint link ~10 ms).
  const [measured, setWidth] = useState<number | null>(null);
  const width = measured ?? 600;
  const hasSummary = !!summary;
  // The lane shown while a run is still going is another element: measure the one shown.
  const running = summary?.complete === false;

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setWidth(el.clientWidth || 600);
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [hasSummary, running]);

  const count = summary?.count ?? 1;
  const x = useMemo(
    () =>
      scaleLinear()
        .domain([0, Math.max(1, count - 1)])
        .range([8, width - 8]),
    [count, width],
  );

  if (!summary) return null;
  if (running)
    // Where a step sits in the run, and its marks, are not known before the whole run is.
    return (
      <div className="scrubber-wrap">
        <div
          ref={ref}
          className="scrubber scrubber-running"
          role="slider"
          aria-label="waypoint"
          aria-valuemin={0}
          aria-valuenow={index}
          aria-busy="true"
          data-testid="scrubber-running"
          style={{ height: HEIGHT }}
        >
          running the rest of the scenario…
        </div>
      </div>
    );
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
      <div
        ref={ref}
        className="scrubber"
        role="slider"
        aria-label="waypoint"
        aria-valuemin={0}
        aria-valuemax={count - 1}
        aria-valuenow={index}
        onPointerDown={onPointer}
        onPointerMove={onPointer}
      >
        {measured !== null && <RunMarks summary={summary} x={x} width={width} />}
        <svg className="scrubber-cursor" width={width} height={HEIGHT} aria-hidden>
          <g transform={`translate(${x(index)},0)`}>
            <line y1={0} y2={HEIGHT} />
            <path d={`M-5,0L5,0L0,6Z`} />
          </g>
        </svg>
      </div>
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

// The canvas takes its colours from the theme once per drawing: draw again when it turns.
const scheme = () => window.matchMedia('(prefers-color-scheme: dark)');
const isDark = () => scheme().matches;
const onSchemeChange = (fn: () => void) => {
  const q = scheme();
  q.addEventListener('change', fn);
  return () => q.removeEventListener('change', fn);
};

/** Action bands and markers, drawn again only when the run or the width changes. */
const RunMarks = memo(function RunMarks({
  summary,
  x,
  width,
}: {
  summary: TimelineSummary;
  x: (i: number) => number;
  width: number;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const dark = useSyncExternalStore(onSchemeChange, isDark);
  useEffect(() => {
    if (canvas.current) drawRunMarks(canvas.current, summary, x, width);
  }, [summary, x, width, dark]);
  return (
    <canvas
      ref={canvas}
      style={{ width, height: HEIGHT }}
      onPointerMove={(e) => {
        const r = e.currentTarget.getBoundingClientRect();
        const i = bandAt(summary, x, e.clientX - r.left);
        e.currentTarget.title = i < 0 ? '' : bandLabel(summary.actions[i]);
      }}
    />
  );
});
