import { scaleBand, scaleLinear } from 'd3-scale';
import { useMemo } from 'react';
import { useLab } from '../store/store.ts';
import { perAction } from './perAction.ts';

const SERIES = [
  { key: 'faults', label: 'faults', cls: 'mk-cpu-fault' },
  { key: 'migrations', label: 'migrations', cls: 'mk-migration' },
  { key: 'frees', label: 'page_free', cls: 'bar-free' },
] as const;

const W = 290;
const H = 130;
const M = { top: 8, right: 6, bottom: 20, left: 26 };
const MAX_BARS = 80;

/** Faults, migrations and frees of each action; click a group to jump to that action. */
export default function ActionChart() {
  const summary = useLab((s) => s.summary);
  const action = useLab((s) => s.frame?.waypoint.action ?? -1);
  const seek = useLab((s) => s.seek);
  const all = useMemo(() => (summary ? perAction(summary) : []), [summary]);
  if (summary?.complete === false)
    return <p className="muted">Counted once the whole run has run…</p>;
  if (!summary || all.length === 0) return <p className="muted">No actions yet.</p>;
  const rows = all.slice(-MAX_BARS);
  const x = scaleBand<number>()
    .domain(rows.map((r) => r.i))
    .range([M.left, W - M.right])
    .paddingInner(0.25);
  const inner = scaleBand<string>()
    .domain(SERIES.map((s) => s.key))
    .range([0, x.bandwidth()]);
  const max = Math.max(1, ...rows.flatMap((r) => SERIES.map((s) => r[s.key])));
  const y = scaleLinear()
    .domain([0, max])
    .nice()
    .range([H - M.bottom, M.top]);
  const ticks = y.ticks(3);
  return (
    <figure className="chart">
      <svg width={W} height={H} role="img" aria-label="Faults, migrations and frees per action">
        {ticks.map((t) => (
          <g key={t} transform={`translate(0,${y(t)})`}>
            <line className="grid-line" x1={M.left} x2={W - M.right} />
            <text className="axis" x={M.left - 4} dy="0.32em" textAnchor="end">
              {t}
            </text>
          </g>
        ))}
        {rows.map((r) => (
          <g
            key={r.i}
            transform={`translate(${x(r.i)},0)`}
            className={r.i === action ? 'bar-now' : ''}
            onClick={() => void seek(summary.actions.find((s) => s.i === r.i)?.last ?? 0, 'jump')}
          >
            <title>{`action ${r.i + 1} ${r.op}: ${r.faults} faults, ${r.migrations} migrations, ${r.frees} page_free`}</title>
            <rect
              className="bar-hit"
              y={M.top}
              width={x.bandwidth()}
              height={H - M.top - M.bottom}
            />
            {SERIES.map((s) => (
              <rect
                key={s.key}
                className={`bar ${s.cls}`}
                x={inner(s.key)}
                y={y(r[s.key])}
                width={Math.max(1, inner.bandwidth() - 1)}
                height={y(0) - y(r[s.key])}
              />
            ))}
            {rows.length <= 16 && (
              <text className="axis" x={x.bandwidth() / 2} y={H - 6} textAnchor="middle">
                {r.i + 1}
              </text>
            )}
          </g>
        ))}
      </svg>
      <figcaption className="legend">
        {SERIES.map((s) => (
          <span key={s.key} className="legend-item">
            <svg width="10" height="10">
              <rect className={`bar ${s.cls}`} width="10" height="10" />
            </svg>
            {s.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
