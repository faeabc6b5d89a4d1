// The spans as DOM: one button per call drawn wide enough to point at, over the canvas. It is
// what keyboard and screen-reader users move through (and what tests click); a long run keeps
// only the calls nearest the cursor, so the DOM never holds more than LIMIT of them.
import { memo, useMemo } from 'react';
import { LAYER_LABEL } from '../../timeline/callLayers.ts';
import type { SwimlaneData } from '../../timeline/callSpans.ts';
import { GUTTER, ROW, firstEndingAfter, rowY, type Layout } from './geometry.ts';
import type { View } from './paint.ts';

const LIMIT = 160;
const MIN_WIDTH = 6;

interface Item {
  s: number;
  left: number;
  top: number;
  width: number;
}

function listSpans(d: SwimlaneData, L: Layout, v: View, index: number): Item[] {
  const i0 = Math.max(0, Math.floor(v.inv(GUTTER)));
  const i1 = Math.min(d.count - 1, Math.ceil(v.inv(v.width)));
  const out: Item[] = [];
  for (let lane = 0; lane < d.lanes.length; lane++)
    for (let level = 0; level < d.laneRows[lane]; level++) {
      const r = L.rowBase[lane] + level;
      const end = d.rowStart[r + 1];
      let k = firstEndingAfter(d, r, i0);
      while (k < end && d.start[d.rowSpans[k]] <= i1) {
        const s = d.rowSpans[k];
        const x0 = Math.max(GUTTER, v.x(d.start[s]));
        const x1 = Math.min(v.width, v.x(d.end[s] + 1));
        if (x1 - x0 >= MIN_WIDTH) {
          out.push({ s, left: x0, top: rowY(L, lane, level) + 1, width: x1 - x0 });
          k++;
        } else k = Math.max(k + 1, firstEndingAfter(d, r, Math.ceil(v.inv(x0 + MIN_WIDTH))));
      }
    }
  const dist = (s: number) =>
    index < d.start[s] ? d.start[s] - index : index > d.end[s] ? index - d.end[s] : 0;
  const near = out.length > LIMIT ? out.sort((a, b) => dist(a.s) - dist(b.s)).slice(0, LIMIT) : out;
  return near.sort((a, b) => d.start[a.s] - d.start[b.s] || a.s - b.s);
}

export const SpanList = memo(function SpanList({
  data,
  L,
  view,
  index,
  stack,
  onSeek,
}: {
  data: SwimlaneData;
  L: Layout;
  view: View;
  index: number;
  stack: number[];
  onSeek: (i: number) => void;
}) {
  // `view` is the settled view: the list follows a zoom or pan when it ends, not every frame.
  const items = useMemo(() => listSpans(data, L, view, index), [data, L, view, index]);
  const on = new Set(stack);
  return (
    <ul className="sl-spans" aria-label="Calls around the current step">
      {items.map(({ s, left, top, width }) => {
        const fn = data.fns[data.fn[s]];
        const layer = data.lanes[data.lane[s]];
        return (
          <li key={s} style={{ left, top, width, height: ROW - 3 }}>
            <button
              type="button"
              data-testid="swimlane-span"
              data-fn={fn}
              data-layer={layer}
              data-seq={data.start[s]}
              aria-current={on.has(s) ? 'step' : undefined}
              aria-label={`${fn}, ${LAYER_LABEL(layer)}, steps ${data.start[s]} to ${data.end[s]}`}
              onClick={(e) => {
                e.stopPropagation();
                onSeek(data.start[s]);
              }}
            />
          </li>
        );
      })}
    </ul>
  );
});
