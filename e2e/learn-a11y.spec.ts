// Issue 18: the compare view (and the lab's learning views) in both themes: axe finds nothing
// serious or critical.
import { expect, test } from '@playwright/test';
import { seriousFindings } from './axe.helpers.ts';
import { openBigWhatIf } from './scenarios.helpers.ts';

test.use({ bypassCSP: true });

for (const scheme of ['light', 'dark'] as const) {
  test(`what-if compare view has no serious or critical axe findings (${scheme})`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await page.goto('/#preset/cpu-touch&step=40&whatif=delete.3');
    await expect(page.getByTestId('compare-view')).toBeVisible({ timeout: 15_000 });
    await page.getByTestId('compare-forward').click();
    await expect(page.getByTestId('compare-diff-count')).not.toHaveText('0');
    await page.getByTestId('compare-right').getByTestId('cmp-page-1-3').click();
    expect(await seriousFindings(page), 'compare view').toEqual([]);
    if (process.env.SHOTS)
      await page.screenshot({ path: `/tmp/learn-shots/compare-${scheme}.png`, fullPage: true });
    await page.getByTestId('compare-back').click();
  });

  test(`predict mode has no serious or critical axe findings (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await page.goto('/#preset/cpu-touch&quiz=1');
    await expect(page.getByTestId('step-count')).toHaveText(/[1-9]/, { timeout: 15_000 });
    await expect(page.getByText(/[1-9]\d* questions/)).toBeVisible();
    await page.keyboard.press('End');
    await expect(page.getByTestId('quiz-choice').first()).toBeVisible();
    expect(await seriousFindings(page), 'a question').toEqual([]);
    await page.getByTestId('quiz-choice').first().click();
    await page.keyboard.press('End');
    await page.getByTestId('quiz-choice').first().click();
    await page.keyboard.press('End');
    await expect(page.getByTestId('quiz-verdict')).toBeVisible();
    expect(await seriousFindings(page), 'a verdict').toEqual([]);
    if (process.env.SHOTS) await page.screenshot({ path: `/tmp/learn-shots/quiz-${scheme}.png` });
  });

  test(`what-if dialog has no serious or critical axe findings (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await page.goto('/#preset/cpu-touch&step=40');
    await expect(page.getByTestId('step-count')).toHaveText(/[1-9]/, { timeout: 15_000 });
    await page.getByTestId('whatif-open').click();
    await expect(page.getByTestId('whatif-dialog')).toBeVisible();
    expect(await seriousFindings(page), 'what-if dialog').toEqual([]);
    if (process.env.SHOTS)
      await page.screenshot({ path: `/tmp/learn-shots/whatif-dialog-${scheme}.png` });
  });

  test(`compare past 512 pages, and stacked on a phone: no serious or critical axe findings (${scheme})`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await openBigWhatIf(page);
    await page.getByTestId('compare-forward').click();
    await expect(page.getByTestId('compare-more')).toBeVisible();
    expect(await seriousFindings(page), 'pages that differ, of many').toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/#preset/cpu-touch&step=40&whatif=delete.3');
    await expect(page.getByTestId('compare-view')).toBeVisible({ timeout: 15_000 });
    await page.getByTestId('compare-forward').click();
    await expect(page.getByTestId('compare-diff-count')).toHaveText('1');
    expect(await seriousFindings(page), 'compare on a phone').toEqual([]);
  });

  test(`predict mode after a reset has no serious or critical axe findings (${scheme})`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await page.goto('/#preset/cpu-touch&quiz=1');
    await expect(page.getByText(/[1-9]\d* questions/)).toBeVisible({ timeout: 15_000 });
    await page.keyboard.press('End');
    await page.getByTestId('quiz-choice').first().click();
    await page.getByTestId('quiz-reset').click();
    await expect(page.getByTestId('quiz-score')).toHaveText('0 / 0 right');
    await expect(page.getByText('Answers reset')).toBeVisible();
    expect(await seriousFindings(page), 'reset').toEqual([]);
    if (process.env.SHOTS)
      await page.screenshot({ path: `/tmp/learn-shots/quiz-reset-${scheme}.png` });
  });
}
