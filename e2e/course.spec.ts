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
  // The picker is the course: lessons grouped by topic in order, the visited ones marked.
  const picker = page.getByRole('combobox', { name: 'Lesson' });
  await expect(picker.locator('optgroup').first()).toHaveAttribute('label', '1. Register');
  await expect(picker.locator('optgroup').nth(1)).toHaveAttribute('label', '2. Migrate');
  await expect(picker.locator('option[value="register"]')).toHaveText(/^✓ /);
  await expect(picker.locator('option[value="first-migration"]')).toHaveText(/^✓ /);
  await expect(picker.locator('option[value="cpu-touch"]')).not.toHaveText(/✓/);
  await page.reload();
  await expect(page.getByTestId('course-progress')).toHaveText(/^2 \/ \d+ lessons$/, {
    timeout: 15_000,
  });
});
