// open_vs_engine_ratio: opening a #v1. link to the 131k-waypoint, 4096-page bench scenario until
// its first step is on screen (navigation start → the stage draws step 0, in the page's own
// clock), against the bare engine running the same scenario in this process, both in this run.
// open_lesson_to_screen_ms: the same for a lesson's link (cpu-touch: 58 waypoints), opened
// alternately: the page's own start, what any link costs before its scenario's size matters.
import type { Browser } from '@playwright/test';
import { encodeLink } from '../src/scenario/link.ts';
import type { Scenario } from '../src/scenario/types.ts';
import { runEngine } from './engine.ts';
import { metric, now, percentile, type Metrics } from './lib.ts';

/** Runs in the page before the app: the page-clock time the stage first shows a step. */
function watchFirstStep() {
  const w = globalThis as unknown as { __firstStep?: number };
  const obs = new MutationObserver(() => {
    const stage = document.querySelector<HTMLElement>('[data-testid="stage"]');
    const index = document.querySelector('[data-testid="step-index"]')?.textContent;
    if (stage?.dataset.step !== undefined && stage.dataset.step === index) {
      w.__firstStep = performance.now();
      obs.disconnect();
    }
  });
  const start = () =>
    obs.observe(document.documentElement, {
      childList: true,
      characterData: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['data-step'],
    });
  if (document.documentElement) start();
  else document.addEventListener('DOMContentLoaded', start);
}

/** Opens `url` in a new page: ms from navigation start until the stage shows its first step.
 *  `waypoints`: also wait for the whole run and check its count against the engine's. */
async function openUntilFirstStep(
  browser: Browser,
  url: string,
  waypoints: number | null,
): Promise<number> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  try {
    await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    await page.addInitScript(watchFirstStep);
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(
      () => (globalThis as unknown as { __firstStep?: number }).__firstStep !== undefined,
      undefined,
      { timeout: 120_000 },
    );
    const ms = await page.evaluate(
      () => (globalThis as unknown as { __firstStep: number }).__firstStep,
    );
    if (waypoints !== null) {
      // The count follows the first step (the rest of the run): wait for it, then check it.
      await page.waitForFunction(
        () => !document.querySelector('[data-testid="step-count"]')?.hasAttribute('aria-busy'),
        undefined,
        { timeout: 120_000 },
      );
      const count = await page.getByTestId('step-count').textContent();
      if (Number(count?.replace(/\D/g, '')) !== waypoints)
        throw new Error(`the link opened ${count} waypoints, the engine ran ${waypoints}`);
    }
    return ms;
  } finally {
    await page.close();
  }
}

export async function benchOpen(
  browser: Browser,
  baseUrl: string,
  big: Scenario,
  reps: number,
): Promise<Metrics> {
  const url = `${baseUrl}/${encodeLink(big, 0)}`;
  const opens: number[] = [];
  const lessonOpens: number[] = [];
  const engine: number[] = [];
  for (let r = 0; r < reps; r++) {
    // Alternating, so the machine's drift hits both sides alike.
    const t0 = now();
    const trace = runEngine(big);
    engine.push(now() - t0);
    opens.push(await openUntilFirstStep(browser, url, r === reps - 1 ? trace.count : null));
    lessonOpens.push(
      await openUntilFirstStep(browser, `${baseUrl}/#preset/cpu-touch&step=0`, null),
    );
  }
  const openMs = percentile(opens, 50);
  const engineMs = percentile(engine, 50);
  const note = (what: string) =>
    `${what}; median of ${reps}, alternating: link opened → step 0 on screen ${openMs.toFixed(0)} ms ` +
    `(${opens.map((x) => x.toFixed(0)).join(', ')}), engine alone ${engineMs.toFixed(0)} ms ` +
    `(${engine.map((x) => x.toFixed(0)).join(', ')})`;
  return {
    open_vs_engine_ratio: metric(openMs / engineMs, 'x', { max: 3 }, note(`${big.title}`)),
    open_to_screen_ms: metric(openMs, 'ms', undefined, note('the same opens')),
    open_lesson_to_screen_ms: metric(
      percentile(lessonOpens, 50),
      'ms',
      undefined,
      `the cpu-touch lesson's link, opened after each of those; median of ${reps} ` +
        `(${lessonOpens.map((x) => x.toFixed(0)).join(', ')})`,
    ),
  };
}
