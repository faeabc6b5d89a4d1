// The floor under worker_roundtrip_p95_ms and step_to_screen_p95_ms: the same clicks, timed by
// the same code (clickLoop in browser.ts), against a page of our origin whose worker only
// echoes and whose "step" is one text node and one attribute. What is left of the round trip
// there is the browser's and the machine's own: two thread hops, a task each way and one small
// DOM change.
import type { Page } from '@playwright/test';
import { ISOLATED } from '../vite.config.ts';

export const ECHO_PATH = '/__bench/echo.html';

const ECHO_HTML = `<!doctype html>
<meta charset="utf-8" />
<title>bench: bare worker echo</title>
<button type="button" data-testid="step-back" disabled>back</button>
<button type="button" data-testid="step-forward">forward</button>
<span data-testid="step-index">0</span> / <span data-testid="step-count">1000000</span>
<div data-testid="stage" data-step="0"></div>
<script type="module" src="/__bench/echo-page.js"></script>
`;

const ECHO_PAGE = `
const q = (id) => document.querySelector('[data-testid="' + id + '"]');
const worker = new Worker('/__bench/echo-worker.js');
worker.addEventListener('message', (e) => {
  q('step-index').textContent = String(e.data);
  q('stage').dataset.step = String(e.data);
});
q('step-forward').addEventListener('click', () => worker.postMessage(Number(q('step-index').textContent) + 1));
`;

const ECHO_WORKER = `addEventListener('message', (e) => postMessage(e.data));`;

/** Serve the echo page and its scripts from `origin`, cross-origin isolated like the app. */
export async function routeEcho(page: Page, origin: string): Promise<void> {
  const serve = (path: string, contentType: string, body: string) =>
    page.route(`${origin}${path}`, (r) => r.fulfill({ contentType, headers: ISOLATED, body }));
  await serve(ECHO_PATH, 'text/html', ECHO_HTML);
  await serve('/__bench/echo-page.js', 'text/javascript', ECHO_PAGE);
  await serve('/__bench/echo-worker.js', 'text/javascript', ECHO_WORKER);
}
