// Export figure: the stage at the current step (SVG, or PNG at 2× for slides) and the
// swim-lane in view (SVG), captioned with the lesson, step and fn, in the theme on screen.
import { useState } from 'react';
import { resolveColours } from '../grid/paint.ts';
import { useLab } from '../store/store.ts';
import { figureName, save, svgToPng } from './download.ts';
import { stageSvg } from './stageSvg.ts';
import type { Caption } from './svg.ts';

type Col = (v: string) => string;

export function ExportFigure({ swimlane }: { swimlane: (c: Caption, col: Col) => string | null }) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const now = () => {
    const { frame, scenario, summary } = useLab.getState();
    // The caption says "step i of n": n once the whole run is known.
    if (!frame || !summary?.complete) return null;
    const c: Caption = {
      title: scenario?.title ?? 'HMM Lab',
      step: frame.index,
      count: summary.count,
      fn: frame.waypoint.fn,
      sentence: frame.waypoint.text,
    };
    return { c, world: frame.world, col: resolveColours(document.documentElement) };
  };
  const run = (what: 'stage-svg' | 'stage-png' | 'swimlane-svg') => async () => {
    setOpen(false);
    const n = now();
    if (!n) return;
    try {
      if (what === 'swimlane-svg') {
        const svg = swimlane(n.c, n.col);
        if (svg) save(figureName(n.c.title, n.c.step, 'swimlane', 'svg'), svgBlob(svg));
        return;
      }
      const svg = stageSvg(n.world, n.c, n.col);
      if (what === 'stage-svg') save(figureName(n.c.title, n.c.step, 'stage', 'svg'), svgBlob(svg));
      else save(figureName(n.c.title, n.c.step, 'stage', 'png'), await svgToPng(svg, 2));
    } catch (e) {
      setError(`The figure could not be made: ${String(e)}`);
    }
  };
  return (
    <div className="sl-export">
      <button
        type="button"
        data-testid="export-figure"
        aria-expanded={open}
        aria-haspopup="true"
        onClick={() => setOpen((o) => !o)}
      >
        Export figure
      </button>
      {open && (
        <div className="sl-export-menu" role="group" aria-label="Export figure">
          <button type="button" onClick={run('stage-svg')}>
            Stage at this step · SVG
          </button>
          <button type="button" onClick={run('stage-png')}>
            Stage at this step · PNG 2×
          </button>
          <button type="button" onClick={run('swimlane-svg')}>
            Swim-lane in view · SVG
          </button>
        </div>
      )}
      {error && (
        <p className="sl-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

const svgBlob = (svg: string) =>
  new Blob(['<?xml version="1.0" encoding="UTF-8"?>\n', svg], { type: 'image/svg+xml' });
