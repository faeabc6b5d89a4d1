/**
 * CompareView — two runs side by side, stepped together action by action, differences marked.
 * API: <CompareView left={{ label, scenario }} right={{ label, scenario }} steps? startAt?
 * onStep? actions? title? /> — each side is run in a compare worker of its own; `steps`
 * (AlignedStep[], default action i against action i) pairs the actions, `startAt` is the
 * compare step to open at (-1: before the first action), `onStep(point)` hears every step
 * (past 512 pages a side's point lists only the differing pages shown: see SidePoint.pageCount),
 * `actions` are extra buttons for the bar (e.g. Leave). Used by What if… and Compare drivers.
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Scenario } from '../../scenario/types.ts';
import type { AlignedStep } from '../../scenario/whatif.ts';
import type { ComparePoint, SidePoint } from '../../worker/compareProtocol.ts';
import { Icon } from '../transport/Icon.tsx';
import { claimKeys } from '../transport/keyOwner.ts';
import { ALL_PAGES_UP_TO } from '../../timeline/compareTypes.ts';
import { ComparePane } from './ComparePane.tsx';
import { CompareInspect } from './CompareInspect.tsx';
import { useCompareRun } from './useCompareRun.ts';
import './compare.css';

export interface CompareSide {
  label: string;
  scenario: Scenario;
}

export interface CompareViewProps {
  left: CompareSide;
  right: CompareSide;
  steps?: AlignedStep[] | null;
  startAt?: number;
  onStep?(point: ComparePoint): void;
  actions?: ReactNode;
  title?: string;
}

function stepLabel(step: AlignedStep | undefined, k: number, n: number): string {
  if (!step) return `Before the first action · ${n} steps`;
  const side = (a: number | null) => (a === null ? 'waits' : `action ${a + 1}`);
  const same = step[0] === step[1];
  return `Step ${k + 1} of ${n}: ${same ? `action ${step[0]! + 1} on both` : `left ${side(step[0])}, right ${side(step[1])}`}`;
}

const fmt = (x: number) => x.toLocaleString('en-US');

/** Past ALL_PAGES_UP_TO pages a cell per page is unreadable: list the differing ones, say so. */
function BigRunNote(props: {
  total: number;
  differ: number;
  limit: number;
  onMore(limit: number): void;
}) {
  const { total, differ, limit } = props;
  const shown = Math.min(differ, limit);
  return (
    <p className="cmp-big" data-testid="compare-shown">
      {differ === 0
        ? `All ${fmt(total)} pages are alike in both runs at this step: none to list. `
        : shown < differ
          ? `Showing ${fmt(shown)} of the ${fmt(differ)} pages that differ, of ${fmt(total)}. `
          : `Showing the ${fmt(differ)} ${differ === 1 ? 'page that differs' : 'pages that differ'}, of ${fmt(total)}. `}
      <span className="muted">
        Past {ALL_PAGES_UP_TO} pages only the pages that differ are listed, so each stays readable.
      </span>
      {shown < differ && (
        <button
          type="button"
          className="linkish"
          data-testid="compare-more"
          onClick={() => props.onMore(limit + ALL_PAGES_UP_TO)}
        >
          Show {fmt(Math.min(ALL_PAGES_UP_TO, differ - shown))} more
        </button>
      )}
    </p>
  );
}

export default function CompareView(props: CompareViewProps) {
  const { left, right, onStep } = props;
  const steps = props.steps ?? null;
  const [limit, setLimit] = useState(ALL_PAGES_UP_TO);
  const list = useMemo(() => ({ upTo: ALL_PAGES_UP_TO, differ: limit }), [limit]);
  const run = useCompareRun(left.scenario, right.scenario, steps, props.startAt ?? -1, list);
  const { opened, point, error } = run;
  const [inspect, setInspect] = useState<number | null>(null);
  const n = opened?.steps.length ?? 0;
  const k = point?.k ?? -1;
  const go = useRef(run.go);
  const kRef = useRef(k);
  useEffect(() => {
    go.current = run.go;
    kRef.current = k;
  });

  useEffect(() => {
    if (point) onStep?.(point);
  }, [point, onStep]);

  useEffect(
    () =>
      claimKeys((e) => {
        const at = kRef.current;
        if (e.key === 'ArrowRight') go.current(at + 1);
        else if (e.key === 'ArrowLeft') go.current(at - 1);
        else if (e.key === 'Home') go.current(-1);
        else if (e.key === 'End') go.current(n - 1);
        else return false;
        return true;
      }),
    [n],
  );

  const partStep = useMemo(() => {
    const p = opened?.parting;
    if (!opened || !p) return null;
    const action = p.left?.action ?? p.right?.action ?? -1;
    const at = opened.steps.findIndex(([l, r]) => l === action || r === action);
    return at < 0 ? -1 : at;
  }, [opened]);

  // Showing more of a big run asks the worker for them (it sends only what is listed).
  useEffect(() => {
    if (limit > ALL_PAGES_UP_TO) go.current(kRef.current);
  }, [limit]);

  const diffCount = point?.diff.differ ?? 0;
  const pagesOf = (s: SidePoint | undefined) => s?.pageCount ?? s?.pages.length ?? 0;
  const total = Math.max(pagesOf(point?.left), pagesOf(point?.right));
  return (
    <section
      className="compare"
      data-testid="compare-view"
      aria-label={props.title ?? 'Two runs side by side'}
    >
      <div className="cmp-bar">
        <h2 className="cmp-title">{props.title ?? 'Compare two runs'}</h2>
        <div className="cmp-steps" role="group" aria-label="Step both runs">
          <button
            type="button"
            aria-label="Before the first action (Home)"
            title="Before the first action (Home)"
            disabled={k <= -1}
            onClick={() => run.go(-1)}
          >
            <Icon name="start" />
          </button>
          <button
            type="button"
            aria-label="Previous action, both runs (←)"
            title="Previous action, both runs (←)"
            disabled={k <= -1}
            onClick={() => run.go(k - 1)}
            data-testid="compare-back"
          >
            <Icon name="prevAction" />
          </button>
          <span className="cmp-steplabel" aria-live="polite">
            {opened ? stepLabel(opened.steps[k], k, n) : 'Running both…'}
          </span>
          <button
            type="button"
            aria-label="Next action, both runs (→)"
            title="Next action, both runs (→)"
            disabled={!opened || k >= n - 1}
            onClick={() => run.go(k + 1)}
            data-testid="compare-forward"
          >
            <Icon name="nextAction" />
          </button>
          <button
            type="button"
            aria-label="After the last action (End)"
            title="After the last action (End)"
            disabled={!opened || k >= n - 1}
            onClick={() => run.go(n - 1)}
          >
            <Icon name="end" />
          </button>
        </div>
        <span className={`cmp-count${diffCount ? ' some' : ''}`}>
          <b data-testid="compare-diff-count">{diffCount}</b>{' '}
          {diffCount === 1 ? 'page differs' : 'pages differ'}
        </span>
        <span className="cmp-spacer" />
        {props.actions}
      </div>
      {error && (
        <p className="cmp-error" role="alert">
          {error}
        </p>
      )}
      {opened && (
        <p className="cmp-parting" data-testid="compare-parting">
          {opened.parting ? (
            <>
              The runs part at waypoint <b>{opened.parting.seq}</b>
              {opened.parting.left && (
                <>
                  {' '}
                  — left <code>{opened.parting.left.fn}</code>
                </>
              )}
              {opened.parting.right && (
                <>
                  , right <code>{opened.parting.right.fn}</code>
                </>
              )}
              .
              {partStep !== null && partStep !== k && (
                <button type="button" className="linkish" onClick={() => run.go(partStep)}>
                  Show that step
                </button>
              )}
            </>
          ) : (
            'The two runs take exactly the same waypoints.'
          )}
        </p>
      )}
      {total > ALL_PAGES_UP_TO && (
        <BigRunNote total={total} differ={diffCount} limit={limit} onMore={setLimit} />
      )}
      <div className="cmp-panes">
        {(['left', 'right'] as const).map((side) => (
          <ComparePane
            key={side}
            side={side}
            label={props[side].label}
            run={opened?.[side] ?? null}
            point={point?.[side] ?? null}
            diff={point?.diff ?? null}
            selected={inspect}
            onSelect={setInspect}
            limit={limit}
          />
        ))}
      </div>
      <CompareInspect point={point} selected={inspect} labels={[left.label, right.label]} />
    </section>
  );
}
