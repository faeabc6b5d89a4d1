// Predict mode as a learner meets it: a &quiz=1 link, the lab stops and asks, one answer right
// by keyboard, one wrong by mouse, each verdict shown once the run decides it.
import { expect, test, type Page } from '@playwright/test';
import { num, openLab, watchErrors } from './lab.helpers.ts';

async function choiceIndex(page: Page, text: string): Promise<number> {
  const all = await page.getByTestId('quiz-choice').allTextContents();
  return all.findIndex((t) => t.trim().replace(/^\d\s*/, '') === text);
}

test('a &quiz=1 link: stop, answer right by keyboard and wrong by mouse, verdicts shown', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openLab(page, '#preset/cpu-touch&quiz=1');
  await expect(page.getByTestId('quiz-toggle')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('quiz-score')).toHaveText('0 / 0 right');
  await expect(page.getByText(/[1-9]\d* questions/)).toBeVisible();

  // End runs forward but stops at the first question, before the migration starts.
  await page.keyboard.press('End');
  await expect(page.getByTestId('quiz-question')).toContainText('report as migrated');
  const askedAt = await num(page, 'step-index');
  expect(askedAt).toBeLessThan((await num(page, 'step-count')) - 1);
  // Stepping on is refused until it is answered.
  await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(300);
  expect(await num(page, 'step-index')).toBe(askedAt);

  // Right, by keyboard: the number key of "8".
  const k = await choiceIndex(page, '8');
  expect(k).toBeGreaterThanOrEqual(0);
  await page.keyboard.press(String(k + 1));
  await expect(page.getByTestId('quiz-question')).toContainText('report as migrated');
  await expect(page.getByText('You said 8.')).toBeVisible();

  // The next stop: which function runs after migrate_vma_setup. Wrong, by mouse.
  await page.keyboard.press('End');
  await expect(page.getByTestId('quiz-question')).toContainText('Which kernel function');
  const fnAt = await num(page, 'step-index');
  const choices = await page.getByTestId('quiz-choice').allTextContents();
  const wrong = choices.findIndex((t) => !t.includes('mmu_notifier_invalidate_range_start'));
  await page.getByTestId('quiz-choice').nth(wrong).click();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => num(page, 'step-index')).toBe(fnAt + 1);
  await expect(page.getByTestId('step-fn')).toHaveText('mmu_notifier_invalidate_range_start');
  const verdict = page.getByTestId('quiz-verdict');
  await expect(verdict).toHaveAttribute('data-correct', 'false');
  await expect(verdict).toContainText('it is mmu_notifier_invalidate_range_start');

  // On to the end of the migration: the first answer is decided, and right.
  await page.keyboard.press('End');
  await expect(verdict).toHaveAttribute('data-correct', 'true');
  await expect(verdict).toContainText('It is 8.');
  await expect(page.getByTestId('quiz-score')).toHaveText('1 / 2 right');
  // The lesson's own question is asked there: where page 3 lives after the CPU read.
  await expect(page.getByTestId('quiz-question')).toContainText('where does page 3 live');
  await expect(page.getByTestId('quiz-question')).toContainText('Lesson question');
  expect(errors).toEqual([]);
});

test('Predict turns on from the header, goes into the link, and the score survives a reload', async ({
  page,
}) => {
  await openLab(page, '#preset/cpu-touch');
  await expect(page.getByTestId('quiz-toggle')).toHaveAttribute('aria-pressed', 'false');
  await page.getByTestId('quiz-toggle').click();
  await expect(page.getByText(/[1-9]\d* questions/)).toBeVisible();
  await expect.poll(() => page.evaluate(() => location.hash)).toContain('&quiz=1');
  await page.keyboard.press('End');
  await expect(page.getByTestId('quiz-question')).toContainText('report as migrated');
  await page.getByTestId('quiz-choice').first().click();
  await page.keyboard.press('End');
  await page.getByTestId('quiz-choice').first().click();
  await page.keyboard.press('End');
  await expect(page.getByTestId('quiz-verdict')).toBeVisible();
  const score = await page.getByTestId('quiz-score').textContent();
  expect(score).toMatch(/^[01] \/ [12] right$/);
  // The address bar follows the step a moment later; reload only once it names this one.
  const at = await page.getByTestId('step-index').textContent();
  await expect.poll(() => page.evaluate(() => location.hash)).toContain(`&step=${at}`);
  await page.reload();
  await expect(page.getByTestId('quiz-toggle')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('quiz-verdict')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('quiz-score')).toHaveText(score!);
});
