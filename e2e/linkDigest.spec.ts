// Links that check themselves: a link carries the digest of the run it was made from; when the
// lab's replay differs, the lab still opens it and says so, naming the first action that differs.
import { expect, test } from '@playwright/test';
import { seriousFindings } from './axe.helpers.ts';
import { digestParams } from '../src/scenario/linkDigest.ts';
import { encodeLink } from '../src/scenario/link.ts';
import { findPreset } from '../src/scenario/presets/index.ts';
import type { Scenario } from '../src/scenario/types.ts';
import { createTimeline } from '../src/timeline/timeline.ts';
import { openLab, watchErrors } from './lab.helpers.ts';

test.use({ bypassCSP: true });

const cpuTouch = findPreset('cpu-touch')!.scenario;
const digestOf = (s: Scenario) => createTimeline(s).digest();
/** The hash shown once the lab has its run's traceHash. */
const hashShown = (page: import('@playwright/test').Page) =>
  expect(page.getByTestId('trace-hash')).toHaveText(/^[0-9a-f]{64}$/, { timeout: 15_000 });

test('a link whose digest matches, or that has none, opens without a notice', async ({ page }) => {
  const errors = watchErrors(page);
  await openLab(page, `#preset/cpu-touch&step=3${digestParams(digestOf(cpuTouch))}`);
  await hashShown(page);
  // The check runs once the hash is known; give it time to (wrongly) say something.
  await page.waitForTimeout(500);
  await expect(page.getByTestId('link-mismatch')).toHaveCount(0);

  await openLab(page, encodeLink(cpuTouch, 5));
  await hashShown(page);
  await page.waitForTimeout(500);
  await expect(page.getByTestId('link-mismatch')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a link made from another run opens, with a notice naming the first action that differs', async ({
  page,
}) => {
  const errors = watchErrors(page);
  // The digest of a run whose third action (index 2) migrated 4 pages instead of 8.
  const other = {
    ...cpuTouch,
    actions: cpuTouch.actions.map((a, i) => (i === 2 ? { ...a, count: 4 } : a)),
  } as Scenario;
  const stale = digestOf(other);
  await openLab(page, encodeLink(cpuTouch, 10, stale));
  const notice = page.getByTestId('link-mismatch');
  await expect(notice).toBeVisible({ timeout: 15_000 });
  await expect(notice).toContainText('action 2 (migrate_to_device)');
  await expect(notice).toContainText(stale.h);
  // Opened all the same, at the step it names.
  await expect(page.getByTestId('step-index')).toHaveText('10');
  expect(await seriousFindings(page)).toEqual([]);
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);

  // Only h (no per-action digest), pasted into the running lab: it still says so, without
  // naming an action.
  await page.goto(`/#preset/cpu-touch&h=00000000`);
  await expect(notice).toBeVisible({ timeout: 15_000 });
  await expect(notice).toContainText('cannot be told');
  expect(errors).toEqual([]);
});
