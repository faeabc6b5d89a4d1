// The swim-lane timeline: the whole run as a flame chart per layer, below the stage. Loaded
// lazily (its code is not part of the first paint).
import { zoomIdentity, type ZoomTransform } from 'd3-zoom';
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { LAYER_LABEL } from '../../timeline/callLayers.ts';
import type { SwimlaneData } from '../../timeline/callSpans.ts';
import { ExportFigure } from '../figure/ExportFigure.tsx';
import { swimlaneSvg } from '../figure/swimlaneSvg.ts';
import { resolveColours } from '../grid/paint.ts';
import { CONTRACTS } from '../kernel/contracts.ts';
import { useLab } from '../store/store.ts';
import { GUTTER, innermostAt, layout, stackOf } from './geometry.ts';
import { hitTest, type Hit } from './hit.ts';
import { paintSwimlane, type View } from './paint.ts';
import { SpanList } from './SpanList.tsx';
import { describe, useSwimlaneData } from './useSwimlaneData.ts';
import { useZoom } from './useZoom.ts';
import './swimlane.css';

const scheme = () => window.matchMedia('(prefers-color-scheme: dark)');
const isDark = () => scheme().matches;
const onSchemeChange = (fn: () => void) => {
  const q = scheme();
  q.addEventListener('change', fn);
  return () => q.removeEventListener('change', fn);
};

function viewOf(t: ZoomTransform, width: number, count: number): View {
  const per = (width - GUTTER - 8) / Math.max(1, count);
  return {
    width,
    x: (i) => t.applyX(GUTTER + i * per),
    inv: (px) => (t.invertX(px) - GUTTER) / per,
  };
}

export default function Swimlane() {
  const summary = useLab((s) => s.summary);
  const index = useLab((s) => s.frame?.index ?? 0);
  const devices = useLab((s) => s.summary?.config.devices.map((d) => d.name).join('\n') ?? '');
  const { data, error } = useSwimlaneData(summary);
  const plot = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(800);
  /** The live transform (the painter's, every frame) and the settled one (React's). */
  const live = useRef<ZoomTransform>(zoomIdentity);
  const [settledT, setSettledT] = useState<ZoomTransform>(zoomIdentity);
  const [tip, setTip] = useState<{ x: number; y: number; hit: Hit; text?: string } | null>(null);
  const L = useMemo(() => (data ? layout(data) : null), [data]);
  const count = data?.count ?? 0;
  const height = L?.height ?? 120;
  const devs = useMemo(() => devices.split('\n'), [devices]);
  // Theme colours, resolved once per theme (not per frame).
  const dark = useSyncExternalStore(onSchemeChange, isDark);
  const col = useMemo(() => {
    void dark;
    return resolveColours(document.documentElement);
  }, [dark]);
  const stack = useMemo(() => {
    const s = data ? innermostAt(data, index) : -1;
    return data ? stackOf(data, s) : [];
  }, [data, index]);

  useLayoutEffect(() => {
    const el = plot.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(Math.max(320, el.clientWidth)));
    ro.observe(el);
    return () => ro.disconnect();
  }, [data]);

  const frame = useRef(0);
  const paint = useCallback(() => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => {
      const c = canvas.current;
      if (!c || !data || !L || !summary) return;
      const dpr = window.devicePixelRatio || 1;
      if (c.width !== Math.round(width * dpr) || c.height !== Math.round(L.height * dpr)) {
        c.width = Math.round(width * dpr);
        c.height = Math.round(L.height * dpr);
      }
      const ctx = c.getContext('2d');
      if (!ctx) return;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      const v = viewOf(live.current, width, data.count);
      const cur = { index: useLab.getState().frame?.index ?? 0, stack: new Set(stack) };
      paintSwimlane(ctx, data, summary, L, v, col, cur, devs);
    });
  }, [data, L, summary, width, devs, stack, col]);

  const zoomer = useZoom(plot, live, width, height, count, (t, active) => {
    paint();
    plot.current?.classList.toggle('moving', active);
    if (!active) setSettledT(t);
    else setTip(null);
  });

  useEffect(paint, [paint]);

  const view = useMemo(
    () => (data ? viewOf(settledT, width, data.count) : null),
    [data, settledT, width],
  );
  // The cursor follows stepping and playback: when it leaves the view, the view follows it.
  const cursorX = view ? view.x(index) : GUTTER;
  useEffect(() => {
    if (cursorX < GUTTER || cursorX > width - 8)
      zoomer.panTo(cursorX, GUTTER + (width - GUTTER) / 3);
  }, [cursorX, width, zoomer]);

  const seekTo = (i: number) => {
    useLab.getState().pause();
    void useLab.getState().seek(i, 'jump');
  };
  const at = (e: React.PointerEvent | React.MouseEvent) => {
    const r = plot.current!.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  const onMove = (e: React.PointerEvent) => {
    if (!data || !L || !view || e.buttons) return;
    const p = at(e);
    const hit = hitTest(data, L, view, p.x, p.y);
    if (!hit) return setTip(null);
    setTip({ ...p, hit });
    if (hit.kind === 'span')
      void describe(data, data.start[hit.span]).then((w) =>
        setTip((t) => (t && t.hit === hit && w ? { ...t, text: w.text } : t)),
      );
  };
  const onClick = (e: React.MouseEvent) => {
    if (!data || !L || !view) return;
    const p = at(e);
    if (p.x < GUTTER) return;
    const hit = hitTest(data, L, view, p.x, p.y);
    if (hit?.kind === 'span') seekTo(data.start[hit.span]);
    else if (hit?.kind === 'crossing') seekTo(hit.seq);
    else seekTo(Math.floor(view.inv(p.x)));
  };
  const onKey = (e: React.KeyboardEvent) => {
    const mid = view ? view.x(index) : width / 2;
    const step = (width - GUTTER) / 4;
    const keys: Record<string, () => void> = {
      '+': () => zoomer.zoomBy(1.6, mid),
      '=': () => zoomer.zoomBy(1.6, mid),
      '-': () => zoomer.zoomBy(1 / 1.6, mid),
      '[': () => zoomer.panBy(step),
      ']': () => zoomer.panBy(-step),
      '0': zoomer.fit,
      f: zoomer.fit,
    };
    const k = keys[e.key];
    if (!k || e.ctrlKey || e.metaKey || e.altKey) return;
    e.preventDefault();
    k();
  };

  if (!summary) return null;
  const pathText = data ? describeStack(data, stack, index) : 'Building the call spans…';
  return (
    <section className="panel swimlane" data-testid="swimlane" aria-labelledby="sl-title">
      <div className="sl-head">
        <h2 className="panel-title" id="sl-title">
          Call path, layer by layer
          <span className="sub">
            {' '}
            wheel or +/− zoom · drag or [ ] pan · 0 fits the run · click a call to go there
          </span>
        </h2>
        <ul className="sl-legend" aria-label="Contract points">
          {([1, 2, 3] as const).map((n) => (
            <li key={n} className={`sl-c sl-c${n}`} title={CONTRACTS[n].title}>
              <span className="sl-badge" aria-hidden>
                {n}
              </span>
              {n === 1 ? 'migrate_to_ram' : n === 2 ? 'zone_device_data' : 'page_free'}
            </li>
          ))}
        </ul>
        <button type="button" onClick={zoomer.fit} title="Fit the whole run (0)">
          Fit run
        </button>
        <ExportFigure
          swimlane={(c, colour) =>
            data && L && view ? swimlaneSvg(data, summary.actions, L, view, devs, c, colour) : null
          }
        />
      </div>
      {error && (
        <p className="sl-error" role="alert">
          The swim-lane could not be built: {error}
        </p>
      )}
      <div
        ref={plot}
        className="sl-plot"
        role="group"
        tabIndex={0}
        aria-label="Swim-lane: + and − zoom, [ and ] pan, 0 fits the run"
        aria-describedby="sl-path"
        style={{ height }}
        onPointerMove={onMove}
        onPointerLeave={() => setTip(null)}
        onClick={onClick}
        onKeyDown={onKey}
      >
        <canvas ref={canvas} style={{ width, height }} aria-hidden />
        {data && L && view && (
          <SpanList data={data} L={L} view={view} index={index} stack={stack} onSeek={seekTo} />
        )}
        {tip && data && <Tip tip={tip} data={data} width={width} />}
      </div>
      <p className="sl-path" id="sl-path">
        {pathText}
      </p>
    </section>
  );
}

function describeStack(d: SwimlaneData, stack: number[], index: number): string {
  if (!stack.length) return `Step ${index}: no call open.`;
  const inner = stack[stack.length - 1];
  const names = stack.map((s) => d.fns[d.fn[s]]).join(' › ');
  return `Step ${index}, in ${LAYER_LABEL(d.lanes[d.lane[inner]])}: ${names}`;
}

function Tip({
  tip,
  data,
  width,
}: {
  tip: { x: number; y: number; hit: Hit; text?: string };
  data: SwimlaneData;
  width: number;
}) {
  const h = tip.hit;
  const left = Math.min(tip.x + 14, width - 320);
  return (
    <div className="sl-tip" style={{ left: Math.max(4, left), top: tip.y + 16 }} aria-hidden>
      {h.kind === 'span' ? (
        <>
          <div className="sl-tip-fn">{data.fns[data.fn[h.span]]}</div>
          <div className="sl-tip-layer">
            {LAYER_LABEL(data.lanes[data.lane[h.span]])} · steps {data.start[h.span]}–
            {data.end[h.span]}
          </div>
          <div className="sl-tip-text">{tip.text ?? '…'}</div>
        </>
      ) : (
        <>
          <div className="sl-tip-fn">
            Contract point {h.contract}: {CONTRACTS[h.contract].title}
          </div>
          <div className="sl-tip-layer">
            {LAYER_LABEL(data.lanes[h.from])} → {LAYER_LABEL(data.lanes[h.to])} at step {h.seq}
          </div>
        </>
      )}
    </div>
  );
}
