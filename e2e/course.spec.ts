// The course: Next lesson at the end of a lesson, progress that survives a reload.
import { expect, test } from '@playwright/test';
import { openLab } from './lab.helpers.ts';

test('Next lesson at the end, and course progress survives a reload', async ({ page }) => {
  await openLab(page, '#preset/register');
  await expect(page.getByTestId('course-progress')).toHaveText(/^1 \/ \d+ lessons$/);
  await expect(page.getByTestId('course-next')).toHaveCount(0);
  await page.keyboard.press('End');
  await page.getByTestId('course-next').click();
  await expect(page.getByRole('combobox', { name: 'Lesson' })).toHaveValue('first-migration');
  await expect(page.getByTestId('course-progress')).toHaveText(/^2 \/ \d+ lessons$/);
  await page.reload();
  await expect(page.getByTestId('course-progress')).toHaveText(/^2 \/ \d+ lessons$/, {
    timeout: 15_000,
  });
});
