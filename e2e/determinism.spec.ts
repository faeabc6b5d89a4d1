// Issue 7, determinism: every lesson gives the same traceHash in Node (what the CLI prints)
// and in the browser's worker, and a #v1 link opens at the same hash.
import { expect, test } from '@playwright/test';
import { encodeLink } from '../src/scenario/link.ts';
import { PRESETS } from '../src/scenario/presets/index.ts';
import { runScenario } from '../src/timeline/run.ts';

test('Node and the browser agree on the traceHash of every lesson', async ({ page }) => {
  test.setTimeout(120_000);
  for (const preset of PRESETS) {
    const node = runScenario(preset.scenario);
    await page.goto(`/#preset/${preset.id}`);
    await expect(page.getByTestId('trace-hash'), preset.id).toHaveText(node.traceHash, {
      timeout: 15_000,
    });
    await expect(page.getByTestId('step-count')).toHaveText(String(node.waypoints));
  }
});

test('a #v1 link with a step opens at that hash and step', async ({ page }) => {
  const scenario = PRESETS.find((p) => p.id === 'two-gpus')!.scenario;
  const node = runScenario(scenario);
  await page.goto('/' + encodeLink(scenario, 42));
  await expect(page.getByTestId('trace-hash')).toHaveText(node.traceHash, { timeout: 15_000 });
  await expect(page.getByTestId('step-index')).toHaveText('42');
});

test('a link runs in the one worker the page starts before its app loads (public/boot.js)', async ({
  page,
}) => {
  const scenario = PRESETS.find((p) => p.id === 'two-gpus')!.scenario;
  const node = runScenario(scenario);
  await page.goto('/' + encodeLink(scenario, 7));
  await expect(page.getByTestId('trace-hash')).toHaveText(node.traceHash, { timeout: 15_000 });
  await expect(page.getByTestId('step-index')).toHaveText('7');
  // The app adopted the worker boot.js started: the link did not run in a second one.
  const workers = page.workers().map((w) => new URL(w.url()).pathname);
  expect(workers).toHaveLength(1);
  expect(workers[0]).toMatch(/\/assets\/timeline\.worker-[\w-]+\.js$/);
  expect(
    await page.evaluate(
      () => 'hmmLabBootWorker' in window && !!document.querySelector('meta[name="hmm-lab-worker"]'),
    ),
  ).toBe(true);
});
