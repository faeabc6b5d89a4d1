// Browser metrics in headless Debian Chromium against a private `vite preview` of the app:
//   worker_roundtrip_p95_ms  click step-forward → the step index and the stage show the new step
//                            (UI → worker → UI)
//   worker_roundtrip_warm_p95_ms  the next clicks on the same page: the same, with its code
//                            warmed up by the first ones (V8 tiers it up meanwhile)
//   worker_roundtrip_bare_p95_ms  the same clicks and timing against a bare worker echo
//                            (echo.ts): the floor this browser on this machine sets
//   frame_p95_ms             rAF deltas while stepping through 256 pages migrating at once
//                            over a 4096-page view (opened from a #v1. share link)
import { chromium, type Browser, type Page } from '@playwright/test';
import { chromiumPath, CHROMIUM_ARGS } from '../playwright.config.ts';
import { buildApp } from './build.ts';
import { ECHO_PATH, routeEcho } from './echo.ts';
import { metric, notMeasured, percentile, reason, type BenchOptions, type Metrics } from './lib.ts';
import { frameScenarioLink } from './scenarios.ts';
import { settle } from './settle.ts';
import { startPreview } from './server.ts';

const UNMEASURED = {
  worker_roundtrip_p95_ms: ['ms', '<= 5'],
  worker_roundtrip_warm_p95_ms: ['ms', ''],
  worker_roundtrip_bare_p95_ms: ['ms', ''],
  worker_roundtrip_4096_p95_ms: ['ms', ''],
  frame_p95_ms: ['ms', '<= 16.7'],
} as const;

export async function benchBrowser(opts: BenchOptions): Promise<Metrics> {
  const out: Metrics = {};
  const skipAll = (why: string) => {
    for (const [k, [unit, target]] of Object.entries(UNMEASURED)) {
      out[k] ??= notMeasured(unit, why, target || undefined);
    }
    return out;
  };
  let dist: string;
  try {
    dist = buildApp(opts.smoke);
  } catch (e) {
    return skipAll(reason(e));
  }
  let server;
  try {
    server = await startPreview(dist);
    debug(`preview up at ${server.url}`);
  } catch (e) {
    return skipAll(reason(e));
  }
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
    debug('chromium up');
    const clicks = opts.smoke ? 8 : 200;
    const small = await open(browser, `${server.url}/#preset/cpu-touch&step=0`);
    await measure(out, 'worker_roundtrip_p95_ms', () => roundTrip(small, clicks, { max: 5 }));
    await measure(out, 'worker_roundtrip_warm_p95_ms', async () => {
      const m = await roundTrip(small, clicks);
      return { ...m, note: `the next ${clicks} clicks on the same page: ${m.note}` };
    });
    await small.page.close();
    debug('round trip done');
    const echo = await open(browser, `${server.url}${ECHO_PATH}`, (p) => routeEcho(p, server.url));
    await measure(out, 'worker_roundtrip_bare_p95_ms', async () => {
      const m = await roundTrip(echo, clicks);
      return { ...m, note: `a worker that only echoes, one text node per step: ${m.note}` };
    });
    await echo.page.close();
    debug('bare round trip done');
    const link = frameScenarioLink(opts.smoke);
    debug('frame scenario built');
    // One page for the big view: frames while stepping through the 256-page move, then round trips.
    const start = Math.max(0, link.peak - (opts.smoke ? 2 : 20));
    const big = await open(browser, `${server.url}/${link.hash(start)}`);
    await measure(out, 'frame_p95_ms', () => frames(big, link, start, opts.smoke));
    await measure(out, 'worker_roundtrip_4096_p95_ms', () => roundTrip(big, opts.smoke ? 4 : 60));
    await big.page.close();
  } catch (e) {
    skipAll(reason(e));
  } finally {
    await browser?.close();
    server.stop();
  }
  return skipAll('no result');
}

async function measure(
  out: Metrics,
  name: keyof typeof UNMEASURED,
  fn: () => Promise<Metrics[string]>,
) {
  try {
    out[name] = await fn();
  } catch (e) {
    const [unit, target] = UNMEASURED[name];
    out[name] = notMeasured(unit, reason(e), target || undefined);
  }
}

async function open(
  browser: Browser,
  url: string,
  prepare?: (page: Page) => Promise<void>,
): Promise<{ page: Page; errors: string[]; settledMs: number }> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await prepare?.(page);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // tsx (esbuild keepNames) wraps named functions in __name(); page.evaluate ships our
  // functions' source to the page, so the page needs that helper too.
  await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  await page.addInitScript(tapWorkerMessages);
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  debug(`loaded ${url.slice(0, 60)}`);
  await page.waitForFunction(
    () =>
      Number(
        document.querySelector('[data-testid="step-count"]')?.textContent?.replace(/\D/g, '') || 0,
      ) > 0,
    undefined,
    { timeout: 60_000 },
  );
  debug('step-count > 0');
  const settledMs = await settle();
  debug(`settled after ${settledMs.toFixed(0)} ms`);
  return { page, errors, settledMs };
}

/**
 * Runs in the page before the app: timestamps the last message posted to a worker and the
 * last one received from it, so a round trip splits into UI → worker → UI render.
 */
function tapWorkerMessages() {
  const tap = { post: 0, msg: 0 };
  (globalThis as unknown as { __benchTap: typeof tap }).__benchTap = tap;
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (this: Worker, ...args: unknown[]) {
    tap.post = performance.now();
    return (post as (...a: unknown[]) => void).apply(this, args);
  };
  const add = Worker.prototype.addEventListener;
  Worker.prototype.addEventListener = function (
    this: Worker,
    type: string,
    fn: unknown,
    o?: unknown,
  ) {
    if (type === 'message' && typeof fn === 'function') {
      const inner = fn as (e: Event) => void;
      const wrapped = function (this: unknown, e: Event) {
        tap.msg = performance.now();
        return inner.call(this, e);
      };
      return (add as (...a: unknown[]) => void).call(this, type, wrapped, o);
    }
    return (add as (...a: unknown[]) => void).call(this, type, fn, o);
  } as typeof Worker.prototype.addEventListener;
}

interface RoundTrips {
  total: number[];
  /** click → postMessage to the worker */
  before: number[];
  /** postMessage → reply message event (worker time + structured clone both ways) */
  worker: number[];
  /** reply → step index and stage show the step (store update + React render) */
  after: number[];
}

/**
 * In the page: click step-forward (step-back once at the end, then forward again) n times or
 * for at most budgetMs, timing each click until the step index and the stage show the new step.
 */
function clickLoop([n, budgetMs]: [number, number]): Promise<RoundTrips> {
  const q = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  const tap = (globalThis as unknown as { __benchTap?: { post: number; msg: number } }).__benchTap;
  const out: RoundTrips = { total: [], before: [], worker: [], after: [] };
  let dir: 'step-forward' | 'step-back' = 'step-forward';
  const once = () =>
    new Promise<number>((resolve, reject) => {
      let btn = q(dir) as HTMLButtonElement | null;
      if (btn?.disabled) {
        dir = dir === 'step-forward' ? 'step-back' : 'step-forward';
        btn = q(dir) as HTMLButtonElement | null;
      }
      if (!btn || btn.disabled) return resolve(-1);
      const before = q('step-index')?.textContent;
      const t0 = performance.now();
      // Done when the counter moved and the stage draws that step too (a big step's stage
      // renders after the counter, in slices: see Stage.tsx).
      const shown = () => {
        const now = q('step-index')?.textContent;
        return now !== before && q('stage')?.dataset.step === now;
      };
      const obs = new MutationObserver(() => {
        if (shown()) {
          obs.disconnect();
          clearTimeout(timer);
          const t1 = performance.now();
          const tapped = tap && tap.post >= t0 && tap.msg >= tap.post && tap.msg <= t1;
          out.before.push(tapped ? tap.post - t0 : NaN);
          out.worker.push(tapped ? tap.msg - tap.post : NaN);
          out.after.push(tapped ? t1 - tap.msg : NaN);
          resolve(t1 - t0);
        }
      });
      obs.observe(document.body, {
        childList: true,
        characterData: true,
        subtree: true,
        attributes: true,
        attributeFilter: ['data-step'],
      });
      const timer = setTimeout(() => {
        obs.disconnect();
        reject(new Error(`step-index did not change within 15 s of a ${dir} click`));
      }, 15_000);
      btn.click();
    });
  const settle = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 20)));
  return (async () => {
    const end = performance.now() + budgetMs;
    for (let k = 0; k < n && performance.now() < end; k++) {
      const ms = await once();
      if (ms < 0) break;
      out.total.push(ms);
      await settle();
    }
    return out;
  })();
}

type Opened = Awaited<ReturnType<typeof open>>;

async function roundTrip({ page, errors, settledMs }: Opened, n: number, target?: { max: number }) {
  const r = await page.evaluate(clickLoop, [n, 20_000] as [number, number]);
  const samples = r.total;
  if (samples.length === 0) throw new Error('step buttons were disabled');
  // Where the time goes, in the typical click and in the slowest twentieth of them.
  const p95 = percentile(samples, 95);
  const tail = samples.map((t, i) => (t >= p95 ? i : -1)).filter((i) => i >= 0);
  const p50 = (xs: number[], at?: number[]) => {
    const v = (at ? at.map((i) => xs[i]) : xs).filter((x) => !Number.isNaN(x));
    return v.length ? percentile(v, 50).toFixed(1) : '?';
  };
  const split = (at?: number[]) =>
    `click→post ${p50(r.before, at)}, worker ${p50(r.worker, at)}, reply→DOM ${p50(r.after, at)} ms`;
  const splits = `; p50 split: ${split()}; slowest 5 %: ${split(tail)}`;
  const note =
    `${samples.length} clicks, p50 ${percentile(samples, 50).toFixed(2)} ms${splits}` +
    settledNote(settledMs) +
    errNote(errors);
  return metric(p95, 'ms', target, note);
}

/** In the page: sample rAF deltas while clicking step-forward every other frame for `steps` steps. */
function stepAndSample([steps, budgetMs]: [number, number]): Promise<number[]> {
  return new Promise((resolve) => {
    const fwd = document.querySelector<HTMLButtonElement>('[data-testid="step-forward"]');
    const deltas: number[] = [];
    let last = performance.now();
    let frame = 0;
    let clicked = 0;
    let lastClick = 0;
    const end = performance.now() + budgetMs;
    const tick = (t: number) => {
      deltas.push(t - last);
      last = t;
      frame++;
      const more = clicked < steps && fwd !== null && !fwd.disabled && t < end;
      if (more && frame % 2 === 0) {
        fwd.click();
        clicked++;
        lastClick = frame;
      }
      // keep sampling 30 frames after the last click so running transitions are included
      if (more || (frame < lastClick + 30 && t < end + 2000)) requestAnimationFrame(tick);
      else resolve(deltas.slice(1));
    };
    requestAnimationFrame(tick);
  });
}

async function frames(
  { page, errors, settledMs }: Opened,
  link: ReturnType<typeof frameScenarioLink>,
  start: number,
  smoke: boolean,
) {
  const steps = Math.min(link.count - 1 - start, smoke ? 6 : 120);
  const at = Number(
    (await page.getByTestId('step-index').first().textContent())?.replace(/\D/g, ''),
  );
  if (at !== start) errors.push(`link opened at step ${at}, not ${start}`);
  const deltas = await page.evaluate(stepAndSample, [steps, 20_000] as [number, number]);
  const note =
    `${deltas.length} frames stepping waypoints ${start}..${start + steps} (256-page move at ${link.peak}), ` +
    `p50 ${percentile(deltas, 50).toFixed(2)} ms, max ${Math.max(...deltas).toFixed(1)} ms` +
    settledNote(settledMs) +
    errNote(errors);
  return metric(percentile(deltas, 95), 'ms', { max: 16.7 }, note);
}

const debug = (msg: string) => {
  if (process.env.BENCH_DEBUG) console.error(`[${(performance.now() / 1000).toFixed(1)} s] ${msg}`);
};

/** The round trips on the big page come after its frames, long after it settled. */
const settledNote = (ms: number) => `; browser idle ${(ms / 1000).toFixed(1)} s after load`;

const errNote = (errors: string[]) =>
  errors.length ? `; page errors: ${errors[0].slice(0, 80)}` : '';
