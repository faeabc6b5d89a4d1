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
