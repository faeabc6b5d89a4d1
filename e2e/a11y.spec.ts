// Issue 7, accessibility: axe-core on the main views in both themes finds nothing serious or
// critical. CSP is bypassed only so the test can inject axe itself.
import { expect, test } from '@playwright/test';
import { seriousFindings } from './axe.helpers.ts';

test.use({ bypassCSP: true });

for (const scheme of ['light', 'dark'] as const) {
  test(`main views have no serious or critical axe findings (${scheme})`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await page.goto('/#preset/cpu-touch&step=50');
    await expect(page.getByTestId('step-count')).toHaveText(/[1-9]/, { timeout: 15_000 });
    expect(await seriousFindings(page), 'lab at a waypoint').toEqual([]);

    await page.goto('/#preset/two-gpus');
    // A new hash loads the lesson in place: wait for it, not for the last lesson's step count.
    await expect(page.getByRole('combobox', { name: 'Lesson' })).toHaveValue('two-gpus', {
      timeout: 15_000,
    });
    await page.keyboard.press('End');
    await page.getByTestId('page-1-0').click();
    expect(await seriousFindings(page), 'two GPUs, a page selected').toEqual([]);
  });
}
