// One side of the compare view: its own step index and trace hash, the waypoint it rests on,
// its pages (the ones that differ from the other side marked) and its counts.
import { memo, useMemo } from 'react';
import type { PageReport } from '../../engine/result.ts';
import type { CountDiff, StateDiff } from '../../timeline/diff.ts';
import { ALL_PAGES_UP_TO } from '../../timeline/compareTypes.ts';
import type { CompareRun, SidePoint } from '../../worker/compareProtocol.ts';

const keyOf = (p: { pid: number; page: number }) => p.pid * 65536 + p.page;

function locClass(p: PageReport, devices: string[]): string {
  if (p.cpu === 'none') return 'loc-none';
  if (p.cpu === 'zero') return 'loc-zero';
  if (p.location === 'host') return p.cpu === 'device-exclusive' ? 'loc-host excl' : 'loc-host';
  return `loc-dev${Math.max(0, devices.indexOf(p.location)) % 4}`;
}

function describe(p: PageReport): string {
  if (p.cpu === 'none') return 'not present';
  const where = p.cpu === 'zero' ? 'the zero page' : p.location;
  return `${p.cpu} on ${where}, value ${p.value}${p.writable ? ', writable' : ''}`;
}

const Cell = memo(function Cell(props: {
  p: PageReport;
  cls: string;
  differs: boolean;
  selected: boolean;
  onSelect(key: number): void;
}) {
  const { p, differs } = props;
  return (
    <button
      type="button"
      className={`cmp-cell ${props.cls}${differs ? ' differs' : ''}${props.selected ? ' selected' : ''}`}
      data-testid={`cmp-page-${p.pid}-${p.page}`}
      data-cpu={p.cpu}
      data-location={p.location}
      data-differs={differs ? 'true' : 'false'}
      aria-pressed={props.selected}
      onClick={() => props.onSelect(keyOf(p))}
    >
      <span className="cmp-pno">
        <span className="sr-only">pid {p.pid} page </span>
        {p.page}
      </span>
      <span className="cmp-val">
        <span className="sr-only">value </span>
        {p.cpu === 'none' ? '·' : p.value}
      </span>
      <span className="sr-only">
        : {describe(p)}
        {differs ? '; differs from the other run' : ''}
      </span>
      {differs && (
        <span className="cmp-ne" aria-hidden="true">
          ≠
        </span>
      )}
    </button>
  );
});

function Counts(props: { title: string; rows: CountDiff[]; side: 'left' | 'right' }) {
  return (
    <>
      <tr>
        <th colSpan={2} scope="colgroup" className="cmp-group">
          {props.title}
        </th>
      </tr>
      {props.rows.map((c) => {
        const v = props.side === 'left' ? c.left : c.right;
        const moved = c.delta !== 0 || c.left === null || c.right === null;
        return (
          <tr key={c.name} className={moved ? 'moved' : undefined}>
            <th scope="row">{c.name}</th>
            <td>
              {v ?? '—'}
              {props.side === 'right' && c.delta !== 0 && (
                <span className={`cmp-delta ${c.delta > 0 ? 'up' : 'down'}`}>
                  {c.delta > 0 ? `+${c.delta}` : c.delta}
                </span>
              )}
            </td>
          </tr>
        );
      })}
    </>
  );
}

export const ComparePane = memo(function ComparePane(props: {
  side: 'left' | 'right';
  label: string;
  run: CompareRun | null;
  point: SidePoint | null;
  diff: StateDiff | null;
  selected: number | null;
  onSelect(key: number | null): void;
  /** How many differing pages to list once a run is past ALL_PAGES_UP_TO pages. */
  limit: number;
}) {
  const { run, point, diff, side } = props;
  const devices = useMemo(() => run?.scenario.config.devices.map((d) => d.name) ?? [], [run]);
  const differing = useMemo(() => new Set(diff?.pages.map(keyOf) ?? []), [diff]);
  const pages = point?.pages ?? [];
  // A big run's point lists only the differing pages shown; pageCount says how many it has.
  const count = point?.pageCount ?? pages.length;
  const shown =
    count <= ALL_PAGES_UP_TO
      ? pages
      : pages.filter((p) => differing.has(keyOf(p))).slice(0, props.limit);
  const status = point?.status;
  return (
    <article
      className={`cmp-pane ${side}`}
      data-testid={`compare-${side}`}
      aria-label={`${side === 'left' ? 'Left' : 'Right'} run: ${props.label}`}
    >
      <header className="cmp-head">
        <span className="cmp-tag" aria-hidden="true">
          {side === 'left' ? 'A' : 'B'}
        </span>
        <h3 className="cmp-label">{props.label}</h3>
        <span className="cmp-hash" title={`traceHash ${run?.summary.traceHash ?? ''}`}>
          trace <span data-testid="trace-hash">{run?.summary.traceHash ?? ''}</span>
        </span>
      </header>
      <div className="cmp-where">
        step <b data-testid="step-index">{point?.index ?? 0}</b>
        <span className="muted"> / </span>
        <span data-testid="step-count">{run?.summary.count ?? 0}</span>
        {point && point.action >= 0 && (
          <span className="cmp-after">
            after action {point.action + 1} <code>{point.op}</code>
            {status && (
              <span className={`cmp-status ${status === 'ok' ? 'ok' : 'err'}`}>{status}</span>
            )}
          </span>
        )}
        {point && point.action < 0 && <span className="cmp-after">devices registered</span>}
      </div>
      <p className="cmp-fn">
        <code>{point?.fn ?? '…'}</code> {point?.text}
      </p>
      <div className="cmp-pages" role="group" aria-label={`${props.label}: pages`}>
        {shown.map((p) => {
          const key = keyOf(p);
          return (
            <Cell
              key={key}
              p={p}
              cls={locClass(p, devices)}
              differs={differing.has(key)}
              selected={props.selected === key}
              onSelect={props.onSelect}
            />
          );
        })}
        {count === 0 && <span className="muted">No pages mapped yet.</span>}
      </div>
      {diff && (
        <table className="cmp-counts">
          <caption className="sr-only">
            {props.label}: frames, notifier sequences and counters
          </caption>
          <tbody>
            <Counts title="frames in use" rows={diff.frames} side={side} />
            <Counts title="notifier seq" rows={diff.seq} side={side} />
            <Counts title="counters" rows={diff.counters} side={side} />
          </tbody>
        </table>
      )}
    </article>
  );
});
