// The swim-lane as SVG, as it stands in view: lanes, the calls wide enough to see (each a
// `swimlane-span` with data-fn/-layer/-seq, its name as text), the cursor and the caption.
import { LAYER_LABEL } from '../../timeline/callLayers.ts';
import type { SwimlaneData } from '../../timeline/callSpans.ts';
import type { ActionSpan } from '../../timeline/types.ts';
import { bandLabel } from '../transport/runMarks.ts';
import { laneColour } from '../swimlane/colours.ts';
import {
  GUTTER,
  LANE_PAD,
  ROW,
  firstEndingAfter,
  rowY,
  type Layout,
} from '../swimlane/geometry.ts';
import type { View } from '../swimlane/paint.ts';
import { caption, esc, svgDoc, text, type Caption } from './svg.ts';

export function swimlaneSvg(
  d: SwimlaneData,
  actions: readonly ActionSpan[],
  L: Layout,
  v: View,
  devices: readonly string[],
  c: Caption,
  col: (v: string) => string,
): string {
  const [cap, top] = caption(c, v.width, col);
  const dy = top + 10;
  const out: string[] = [cap, `<g transform="translate(0,${dy})">`];
  const i0 = Math.max(0, Math.floor(v.inv(GUTTER)));
  const i1 = Math.min(d.count - 1, Math.ceil(v.inv(v.width)));
  // Action boundaries, labelled where there is room.
  for (const a of actions) {
    if (a.last < i0 || a.first > i1) continue;
    const x0 = Math.max(GUTTER, v.x(a.first));
    const room = Math.min(v.width, v.x(a.last + 1)) - x0 - 8;
    out.push(`<line x1="${x0}" x2="${x0}" y1="4" y2="${L.height}" stroke="${col('--line')}"/>`);
    const label = bandLabel(a);
    if (room > label.length * 6)
      out.push(
        text(x0 + 4, 24, label, { 'font-size': 11, 'font-weight': 600, fill: col('--muted') }),
      );
  }
  for (let lane = 0; lane < d.lanes.length; lane++) {
    const tone = col(laneColour(d.lanes[lane], devices));
    out.push(
      `<rect x="0" y="${L.laneTop[lane]}" width="${v.width}" height="${L.laneHeight[lane]}" fill="${col(lane % 2 ? '--panel' : '--panel-2')}"/>`,
      `<rect x="0" y="${L.laneTop[lane] + 3}" width="3" height="${L.laneHeight[lane] - 6}" fill="${tone}"/>`,
      text(10, L.laneTop[lane] + LANE_PAD + ROW / 2 + 4, LAYER_LABEL(d.lanes[lane]), {
        'font-size': 11,
        'font-weight': 600,
        fill: col('--ink'),
      }),
    );
    for (let level = 0; level < d.laneRows[lane]; level++) {
      const r = L.rowBase[lane] + level;
      const y = rowY(L, lane, level);
      let k = firstEndingAfter(d, r, i0);
      while (k < d.rowStart[r + 1] && d.start[d.rowSpans[k]] <= i1) {
        const s = d.rowSpans[k];
        const x0 = Math.max(GUTTER, v.x(d.start[s]));
        const x1 = Math.min(v.width, v.x(d.end[s] + 1));
        if (x1 - x0 < 2) {
          k = Math.max(k + 1, firstEndingAfter(d, r, Math.ceil(v.inv(x0 + 2))));
          continue;
        }
        const fn = d.fns[d.fn[s]];
        const w = (x1 - x0).toFixed(1);
        out.push(
          `<g data-testid="swimlane-span" data-fn="${esc(fn)}" data-layer="${esc(d.lanes[lane])}" data-seq="${d.start[s]}">` +
            `<rect x="${x0.toFixed(1)}" y="${y + 1}" width="${w}" height="${ROW - 3}" fill="${tone}" fill-opacity="0.22" stroke="${tone}"/>` +
            (x1 - x0 > 40
              ? text(x0 + 5, y + ROW / 2 + 3.5, fn, {
                  'font-size': 10,
                  'font-family': 'monospace',
                  fill: col('--ink'),
                  textLength: Math.min(fn.length * 6, x1 - x0 - 8),
                  lengthAdjust: 'spacingAndGlyphs',
                })
              : `<title>${esc(fn)}</title>`) +
            `</g>`,
        );
        k++;
      }
    }
  }
  const cx = v.x(c.step + 0.5);
  if (cx >= GUTTER && cx <= v.width)
    out.push(
      `<line x1="${cx}" x2="${cx}" y1="0" y2="${L.height}" stroke="${col('--hl')}" stroke-width="2"/>`,
    );
  out.push('</g>');
  return svgDoc(v.width, dy + L.height + 10, col('--bg'), out.join(''));
}
