// open_vs_engine_ratio: opening a #v1. link to the 131k-waypoint, 4096-page bench scenario until
// its first step is on screen (navigation start → the stage draws step 0, in the page's own
// clock), against the bare engine running the same scenario in this process, both in this run.
// open_lesson_to_screen_ms: the same for a lesson's link (cpu-touch: 58 waypoints), opened
// alternately: the page's own start, what any link costs before its scenario's size matters.
// open_bare_to_screen_ms: the same for the bare echo page (echo.ts: its HTML shows step 0, one
// tiny module script, no app): what this browser on this machine takes to open any page.
// paste_in_lab_vs_engine_ratio: the big link pasted into the address bar of a lab already open
// on a lesson (a hashchange, no page start): from the change until the stage shows its step 0.
import type { Browser, Page } from '@playwright/test';
import { ECHO_PATH, routeEcho } from './echo.ts';
import { encodeLink } from '../src/scenario/link.ts';
import type { Scenario } from '../src/scenario/types.ts';
import { runEngine } from './engine.ts';
import { metric, now, percentile, type Metrics } from './lib.ts';
import { settle } from './settle.ts';

/** Runs in the page before the app: the page-clock time the stage first shows a step. */
function watchFirstStep() {
  const w = globalThis as unknown as { __firstStep?: number };
  const check = () => {
    const stage = document.querySelector<HTMLElement>('[data-testid="stage"]');
    const index = document.querySelector('[data-testid="step-index"]')?.textContent;
    if (
      w.__firstStep === undefined &&
      stage?.dataset.step !== undefined &&
      stage.dataset.step === index
    ) {
      w.__firstStep = performance.now();
      obs.disconnect();
    }
  };
  const obs = new MutationObserver(check);
  // A page whose HTML already shows the step (the bare page) changes nothing after it: check once.
  const start = () => {
    obs.observe(document.documentElement, {
      childList: true,
      characterData: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['data-step'],
    });
    check();
  };
  if (document.documentElement) start();
  else document.addEventListener('DOMContentLoaded', start);
}

/** Opens `url` in a new page: ms from navigation start until the stage shows its first step.
 *  `waypoints`: also wait for the whole run and check its count against the engine's. */
async function openUntilFirstStep(
  browser: Browser,
  url: string,
  waypoints: number | null,
  prepare?: (page: Page) => Promise<void>,
): Promise<number> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  try {
    await prepare?.(page);
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

/** Opens the lesson at `lessonUrl`, waits until the page is idle, then sets the address's hash
 *  to `hash` as pasting it would: ms from the change until the stage shows the new run's step 0
 *  (the step count no longer the lesson's). */
async function pasteIntoLab(browser: Browser, lessonUrl: string, hash: string): Promise<number> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  try {
    await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    await page.goto(lessonUrl);
    await page.waitForFunction(
      () => {
        const count = document.querySelector('[data-testid="step-count"]');
        return count && !count.hasAttribute('aria-busy') && Number(count.textContent) > 0;
      },
      undefined,
      { timeout: 60_000 },
    );
    await settle();
    return await page.evaluate(
      (h) =>
        new Promise<number>((resolve) => {
          const q = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
          const before = q('step-count')?.textContent;
          const check = () => {
            const count = q('step-count');
            const step = q('stage')?.dataset.step;
            if (count?.textContent === before || step !== '0') return;
            if (q('step-index')?.textContent !== '0') return;
            obs.disconnect();
            resolve(performance.now() - t0);
          };
          const obs = new MutationObserver(check);
          obs.observe(document.body, {
            childList: true,
            characterData: true,
            subtree: true,
            attributes: true,
          });
          const t0 = performance.now();
          location.hash = h;
        }),
      hash,
    );
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
  const hash = encodeLink(big, 0);
  const url = `${baseUrl}/${hash}`;
  const lessonUrl = `${baseUrl}/#preset/cpu-touch&step=0`;
  const opens: number[] = [];
  const lessonOpens: number[] = [];
  const bareOpens: number[] = [];
  const pastes: number[] = [];
  const engine: number[] = [];
  for (let r = 0; r < reps; r++) {
    // Alternating, so the machine's drift hits both sides alike.
    const t0 = now();
    const trace = runEngine(big);
    engine.push(now() - t0);
    opens.push(await openUntilFirstStep(browser, url, r === reps - 1 ? trace.count : null));
    lessonOpens.push(await openUntilFirstStep(browser, lessonUrl, null));
    bareOpens.push(
      await openUntilFirstStep(browser, `${baseUrl}${ECHO_PATH}`, null, (p) =>
        routeEcho(p, baseUrl),
      ),
    );
    pastes.push(await pasteIntoLab(browser, lessonUrl, hash));
  }
  const pasteMs = percentile(pastes, 50);
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
    paste_in_lab_vs_engine_ratio: metric(
      pasteMs / engineMs,
      'x',
      undefined,
      `the same link pasted into a lab open on a lesson (hashchange → step 0 on screen), after ` +
        `each of those; median of ${reps}: ${pasteMs.toFixed(0)} ms ` +
        `(${pastes.map((x) => x.toFixed(0)).join(', ')}) ÷ engine alone ${engineMs.toFixed(0)} ms`,
    ),
    open_bare_to_screen_ms: metric(
      percentile(bareOpens, 50),
      'ms',
      undefined,
      `the bare echo page (no app: its HTML shows step 0), opened after each of those; median ` +
        `of ${reps} (${bareOpens.map((x) => x.toFixed(0)).join(', ')}), ` +
        `${(percentile(bareOpens, 50) / engineMs).toFixed(2)}x the engine alone`,
    ),
  };
}
