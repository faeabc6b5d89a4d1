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

  // The migration has two more teaching functions: answer them right, by keyboard.
  for (const fn of ['dmirror_interval_invalidate', 'migrate_vma_setup']) {
    await page.keyboard.press('End');
    await expect(page.getByTestId('quiz-question')).toContainText('Which kernel function');
    await page.keyboard.press(String((await choiceIndex(page, fn)) + 1));
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('step-fn')).toHaveText(fn);
    await expect(verdict).toHaveAttribute('data-correct', 'true');
  }

  // On to the end of the migration: the first answer is decided, and right.
  await page.keyboard.press('End');
  await expect(verdict).toHaveAttribute('data-correct', 'true');
  await expect(verdict).toContainText('It is 8.');
  await expect(page.getByTestId('quiz-score')).toHaveText('3 / 4 right');
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

test('Predict in an embedded lesson: asked, answered by keyboard, the verdict announced', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openLab(page, '#preset/cpu-touch&embed=1&quiz=1');
  await expect(page.locator('.header')).toHaveCount(0);
  await expect(page.getByText(/[1-9]\d* questions/)).toBeVisible();
  await page.keyboard.press('End');
  const question = page.getByTestId('quiz-question');
  await expect(question).toContainText('report as migrated');
  // The question is in a polite live region, and the first answer has the focus.
  const live = page.locator('[aria-live="polite"]').filter({ has: question });
  await expect(live).toHaveCount(1);
  await expect(page.getByTestId('quiz-choice').first()).toBeFocused();
  await page.keyboard.press(String((await choiceIndex(page, '8')) + 1));
  await expect(page.getByText('You said 8.')).toBeVisible();
  // Answer the function questions of the migration, then see the first verdict.
  const decided = page.getByText('It is 8.');
  for (let i = 0; i < 6 && !(await decided.isVisible()); i++) {
    await page.keyboard.press('End');
    await expect(page.getByTestId('quiz-choice').first().or(decided).first()).toBeVisible();
    if (!(await decided.isVisible())) await page.keyboard.press('1');
  }
  const verdict = live.getByTestId('quiz-verdict');
  await expect(verdict).toHaveAttribute('data-correct', 'true');
  await expect(verdict).toContainText('Decided at Waypoint');
  await expect
    .poll(() => page.evaluate(() => location.hash))
    .toMatch(/^#preset\/cpu-touch&step=\d+.*&embed=1/);
  expect(errors).toEqual([]);
});

test('Reset answers: by keyboard, the score starts over, the lesson picker follows live', async ({
  page,
}) => {
  await openLab(page, '#preset/cpu-touch&quiz=1');
  const option = page
    .getByRole('combobox', { name: 'Lesson' })
    .locator('option[value="cpu-touch"]');
  await expect(option).not.toHaveText(/quiz/);
  const reset = page.getByTestId('quiz-reset');
  await expect(reset).toHaveAttribute('aria-disabled', 'true');
  await page.keyboard.press('End');
  await expect(page.getByTestId('quiz-question')).toContainText('report as migrated');
  await page.keyboard.press(String((await choiceIndex(page, '8')) + 1));
  // The picker's mark follows at once (the picker was never opened).
  await expect(option).toHaveText(/quiz 1\/1$/);
  await page.keyboard.press('End');
  await expect(page.getByTestId('quiz-question')).toContainText('Which kernel function');
  await expect(page.getByTestId('quiz-choice').first()).toBeFocused();

  // From the answers, one Shift+Tab back is Reset answers.
  await page.keyboard.press('Shift+Tab');
  await expect(reset).toBeFocused();
  await expect(reset).toHaveAttribute('aria-disabled', 'false');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('quiz-score')).toHaveText('0 / 0 right');
  await expect(page.getByText('Answers reset')).toBeVisible();
  await expect(option).not.toHaveText(/quiz/);
  await expect(reset).toHaveAttribute('aria-disabled', 'true');
  await expect(reset).toBeFocused();
  // Asked again from the start; and the reset survives a reload.
  await page.keyboard.press('Home');
  await page.keyboard.press('End');
  await expect(page.getByTestId('quiz-question')).toContainText('report as migrated');
  await expect(page.getByText('You said 8.')).toHaveCount(0);
  await page.reload();
  await expect(page.getByText(/[1-9]\d* questions/)).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('quiz-score')).toHaveText('0 / 0 right');
  await expect(option).not.toHaveText(/quiz/);
});
