// Opening a link to a long run (issue 17, open_vs_engine_ratio): its first step is on screen
// before the rest has run. The step count, the scrubber and the trace hash say they are still
// coming, then show the whole run's, which are the engine's (what the CLI prints).
import { expect, test } from '@playwright/test';
import { encodeLink } from '../src/scenario/link.ts';
import type { Action, Scenario } from '../src/scenario/types.ts';
import { runScenario } from '../src/timeline/run.ts';

const PAGES = 1024;
const all = { start: 0, count: PAGES };
const cycle = (round: number): Action[] => [
  { op: 'migrate_to_device', device: 'gpu0', ...all },
  { op: 'dev_read', device: 'gpu1', ...all },
  { op: 'migrate_to_device', device: 'gpu1', ...all },
  { op: 'cpu_write', ...all, value: round },
];
/** About 30,000 waypoints: past what a load answers whole (the worker's WHOLE_AT_ONCE). */
const LONG: Scenario = {
  format: 'hmm-lab/scenario@1',
  title: 'A long run',
  config: {
    hostFrames: PAGES,
    devices: [
      { name: 'gpu0', frames: PAGES },
      { name: 'gpu1', frames: PAGES },
    ],
  },
  actions: [
    { op: 'mmap', ...all, prot: 'rw' },
    { op: 'cpu_write', ...all, value: 1 },
    ...cycle(2),
    ...cycle(3),
  ],
};

/** Every state the transport and the header went through, as the page showed them. */
function watchOpening() {
  type Seen = { index?: string; stage?: string; count?: string; busy: boolean; lane: boolean };
  const seen: Seen[] = [];
  (window as unknown as { seen: Seen[] }).seen = seen;
  const look = () => {
    const q = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
    const s: Seen = {
      index: q('step-index')?.textContent ?? undefined,
      stage: q('stage')?.dataset.step,
      count: q('step-count')?.textContent ?? undefined,
      busy: q('step-count')?.getAttribute('aria-busy') === 'true',
      lane: !!q('scrubber-running'),
    };
    const last = seen[seen.length - 1];
    if (!last || JSON.stringify(last) !== JSON.stringify(s)) seen.push(s);
  };
  new MutationObserver(look).observe(document, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
  });
}

test('a long run’s link shows step 0 first; the count, scrubber and hash follow', async ({
  page,
}) => {
  const node = runScenario(LONG);
  expect(node.waypoints).toBeGreaterThan(20_000);
  await page.addInitScript(watchOpening);
  await page.goto('/' + encodeLink(LONG, 0));
  await expect(page.getByTestId('step-count')).toHaveText(String(node.waypoints), {
    timeout: 30_000,
  });
  await expect(page.getByTestId('trace-hash')).toHaveText(node.traceHash, { timeout: 30_000 });
  await expect(page.getByTestId('scrubber-running')).toHaveCount(0);
  const seen = await page.evaluate(
    () => (window as unknown as { seen: { [k: string]: unknown }[] }).seen,
  );
  // The first state with a step on screen: step 0, while the count is still coming.
  const first = seen.findIndex((s) => s.stage === '0' && s.index === '0');
  expect(first, JSON.stringify(seen.slice(-5))).toBeGreaterThanOrEqual(0);
  expect(seen[first]).toMatchObject({ count: '…', busy: true, lane: true });
  // Nothing claimed a count before the whole run's.
  const counts = new Set(seen.slice(first).map((s) => s.count));
  expect([...counts]).toEqual(['…', String(node.waypoints)]);
  await page.screenshot({ path: test.info().outputPath('long-run-open.png') });
});

test('stepping at once, while the rest of a long run is still coming, steps', async ({ page }) => {
  const node = runScenario(LONG);
  await page.goto('/' + encodeLink(LONG, 0));
  await expect(page.getByTestId('stage')).toHaveAttribute('data-step', '0', { timeout: 30_000 });
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('step-index')).toHaveText('2');
  await expect(page.getByTestId('stage')).toHaveAttribute('data-step', '2');
  // End waits for the whole run, then goes to its last step.
  await page.keyboard.press('End');
  await expect(page.getByTestId('step-index')).toHaveText(String(node.waypoints - 1));
  await expect(page.getByTestId('step-count')).toHaveText(String(node.waypoints));
});
