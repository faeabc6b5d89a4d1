// swimlane_frame_p95_ms: rAF deltas while the swim-lane of the 131k-waypoint bench run (the
// scenario of engine_waypoints_per_s, opened from a #v1. link) is zoomed with the wheel, panned
// by dragging, and zoomed back out, one input event per frame, as a person would.
import type { Page } from '@playwright/test';
import { encodeLink } from '../src/scenario/link.ts';
import { metric, percentile, type Metric } from './lib.ts';
import { scenarioFor } from './scenarios.ts';

export function swimlaneLink(smoke: boolean): string {
  return encodeLink(smoke ? scenarioFor(2_000, 256) : scenarioFor(100_000, 4096), 0);
}

/** In the page: `frames` frames each of wheel zoom-in, drag pan and wheel zoom-out. */
function zoomPanSample(frames: number): Promise<{ deltas: number[]; spans: number }> {
  return new Promise((resolve) => {
    const el = document.querySelector<HTMLElement>('.sl-plot')!;
    const r = el.getBoundingClientRect();
    const y = r.top + r.height / 2;
    const at = (f: number) => r.left + r.width * (0.35 + 0.3 * Math.sin(f / 9));
    const mouse = (type: string, x: number, target: EventTarget) =>
      target.dispatchEvent(
        new MouseEvent(type, { clientX: x, clientY: y, bubbles: true, view: window, button: 0 }),
      );
    const deltas: number[] = [];
    let last = performance.now();
    let f = 0;
    let dragX = 0;
    const tick = (t: number) => {
      deltas.push(t - last);
      last = t;
      const phase = Math.floor(f / frames);
      if (phase === 0 || phase === 2) {
        const deltaY = phase === 0 ? -60 : 60;
        el.dispatchEvent(
          new WheelEvent('wheel', {
            deltaY,
            clientX: at(f),
            clientY: y,
            bubbles: true,
            cancelable: true,
          }),
        );
      } else if (phase === 1) {
        if (f % frames === 0) mouse('mousedown', (dragX = r.left + r.width * 0.8), el);
        else mouse('mousemove', (dragX -= 9), window);
        if (f % frames === frames - 1) mouse('mouseup', dragX, window);
      }
      f++;
      if (f < frames * 3) requestAnimationFrame(tick);
      else
        resolve({
          deltas: deltas.slice(1),
          spans: document.querySelectorAll('[data-testid="swimlane-span"]').length,
        });
    };
    requestAnimationFrame(tick);
  });
}

export async function swimlaneFrames(page: Page, smoke: boolean): Promise<Metric> {
  await page.waitForSelector('[data-testid="swimlane-span"]', { timeout: 120_000 });
  const count = Number((await page.getByTestId('step-count').textContent())?.replace(/\D/g, ''));
  await page.getByTestId('swimlane').scrollIntoViewIfNeeded();
  const frames = smoke ? 10 : 90;
  const { deltas } = await page.evaluate(zoomPanSample, frames);
  const note =
    `${deltas.length} frames over the ${count.toLocaleString('en')}-waypoint run: ` +
    `${frames} of wheel zoom-in, ${frames} of drag pan, ${frames} of wheel zoom-out; ` +
    `p50 ${percentile(deltas, 50).toFixed(2)} ms, max ${Math.max(...deltas).toFixed(1)} ms`;
  return metric(percentile(deltas, 95), 'ms', { max: 16.7 }, note);
}
