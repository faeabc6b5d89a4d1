// Smoke test: the built app loads cleanly, its worker answers, stepping works, and it talks to
// no host but its own. Uses only the public test ids of shared/scenario-format.md.
import { expect, test, type Page } from '@playwright/test';

/** The one integer in a text, sign included ('-1' reads -1, not 1); NaN if there is none. */
const toNumber = (text: string | null): number => {
  const m = /^\D*?(-?\d+)\D*$/.exec((text ?? '').replace(/[\s,]/g, ''));
  return m ? Number(m[1]) : NaN;
};

async function readNumber(page: Page, testId: string): Promise<number> {
  return toNumber(await page.getByTestId(testId).first().textContent());
}

test('app loads, worker answers, stepping forward moves, no foreign requests', async ({
  page,
  baseURL,
}) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console.error: ${msg.text()}`);
  });
  const origin = new URL(baseURL ?? 'http://127.0.0.1:4173').origin;
  const foreign: string[] = [];
  page.on('request', (req) => {
    const url = req.url();
    if (/^(data|blob|about):/.test(url)) return;
    if (new URL(url).origin !== origin) foreign.push(url);
  });

  await page.goto('/');

  // The worker has run the default scenario once step-count shows a positive number.
  await expect.poll(() => readNumber(page, 'step-count'), { timeout: 15_000 }).toBeGreaterThan(0);
  const count = await readNumber(page, 'step-count');

  await expect.poll(() => readNumber(page, 'step-index')).toBeGreaterThanOrEqual(0);

  const forward = page.getByTestId('step-forward').first();
  if (count > 1 && (await readNumber(page, 'step-index')) === count - 1) {
    // Opened at the last waypoint: step back once so there is somewhere to go.
    await page.getByTestId('step-back').first().click();
    await expect.poll(() => readNumber(page, 'step-index')).toBe(count - 2);
  }
  await expect(forward).toBeEnabled();
  const before = await readNumber(page, 'step-index');
  expect(before).toBeGreaterThanOrEqual(0);
  expect(before).toBeLessThan(count);
  await forward.click();
  await expect.poll(() => readNumber(page, 'step-index')).toBe(before + 1);

  expect(problems, 'console or page errors').toEqual([]);
  expect(foreign, 'requests outside the app origin').toEqual([]);
});
