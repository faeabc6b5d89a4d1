import { scaleLinear } from 'd3-scale';
import { useEffect, useState } from 'react';
import type { VPage } from '../../engine/state.ts';
import { timelineWorker } from '../../worker/client.ts';
import type { PteEvent } from '../../worker/protocol.ts';
import { useLab } from '../store/store.ts';

const W = 280;
const H = 22;

const cls = (v: VPage | null) =>
  v ? `st-${v.state}${v.dev >= 0 ? ` dev-c${v.dev % 4}` : ''}` : 'st-unmapped';

/** The page's CPU entry across the whole run: one segment per state, the cursor at now. */
export function LifecycleStrip({ pid, page }: { pid: number; page: number }) {
  const count = useLab((s) => s.summary?.count ?? 1);
  // Across the whole run: asked for once all of it has run.
  const complete = useLab((s) => s.summary?.complete !== false);
  const index = useLab((s) => s.frame?.index ?? 0);
  const seek = useLab((s) => s.seek);
  const [events, setEvents] = useState<PteEvent[] | null>(null);
  useEffect(() => {
    if (!complete) return;
    let live = true;
    void timelineWorker.lifecycle(pid, page).then((r) => live && setEvents(r.ok ? r.value : []));
    return () => {
      live = false;
    };
  }, [pid, page, count, complete]);
  if (!events || !complete) return <p className="muted">…</p>;
  const x = scaleLinear().domain([0, count]).range([0, W]);
  const segs = events.map((e, i) => ({ from: e.seq, to: events[i + 1]?.seq ?? count, v: e.after }));
  return (
    <figure className="lifecycle">
      <svg
        width={W}
        height={H + 12}
        role="img"
        aria-label={`page ${page} across the run: ${events.length} changes`}
      >
        <defs>
          <pattern
            id="lc-stripe"
            width="4"
            height="4"
            patternUnits="userSpaceOnUse"
            patternTransform="rotate(45)"
          >
            <rect width="2" height="4" fill="currentColor" />
          </pattern>
        </defs>
        <rect className="lc-bg" width={W} height={H} rx={3} />
        {segs.map((s, i) => (
          <rect
            key={i}
            className={`lc-seg ${cls(s.v)}`}
            x={x(s.from)}
            width={Math.max(1, x(s.to) - x(s.from))}
            height={H}
            onClick={() => void seek(s.from, 'jump')}
          >
            <title>{`from step ${s.from}: ${s.v ? s.v.state : 'unmapped'}`}</title>
          </rect>
        ))}
        {events.map((e) => (
          <line key={e.seq} className="lc-tick" x1={x(e.seq)} x2={x(e.seq)} y1={H} y2={H + 4} />
        ))}
        <path className="lc-cursor" d={`M${x(index + 0.5)},${H}l-4,8h8z`} />
      </svg>
      <figcaption className="muted">
        {events.length} change{events.length === 1 ? '' : 's'} of its CPU entry · click a segment to
        go there
      </figcaption>
    </figure>
  );
}
