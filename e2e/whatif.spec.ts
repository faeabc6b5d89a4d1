// What if…: branch the run, step both runs together, see a difference, share it, reopen it.
import { expect, test, type Page } from '@playwright/test';
import { openLab, watchErrors } from './lab.helpers.ts';
import { openBigWhatIf } from './scenarios.helpers.ts';

const inSide = (page: Page, side: 'left' | 'right', id: string) =>
  page.getByTestId(`compare-${side}`).getByTestId(id);
const sideNum = async (page: Page, side: 'left' | 'right', id: string) =>
  Number(await inSide(page, side, id).textContent());

test('a what-if branch: both runs side by side, a marked difference, shared and reopened', async ({
  page,
  browser,
}) => {
  const errors = watchErrors(page);
  await openLab(page, '#preset/cpu-touch');
  // cpu-touch: mmap, cpu_write, migrate_to_device, cpu_read. Replace the migration's successor:
  // step to the end of action 3 (the migration), then ask what if the CPU read were a device read.
  await page.keyboard.press('Shift+ArrowRight'); // registration → end of mmap
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  await page.getByTestId('whatif-open').click();
  const dialog = page.getByTestId('whatif-dialog');
  await expect(dialog).toContainText('action 4');
  await dialog.getByTestId('whatif-kind-replace').check();
  await dialog.getByLabel('op').selectOption('dev_read');
  await expect(dialog.getByTestId('whatif-status')).toContainText('Ready');
  await dialog.getByTestId('whatif-apply').click();

  const view = page.getByTestId('compare-view');
  await expect(view).toBeVisible();
  await expect(inSide(page, 'left', 'trace-hash')).toHaveText(/^[0-9a-f]{64}$/);
  await expect(inSide(page, 'right', 'trace-hash')).toHaveText(/^[0-9a-f]{64}$/);
  const hashL = await inSide(page, 'left', 'trace-hash').textContent();
  const hashR = await inSide(page, 'right', 'trace-hash').textContent();
  expect(hashL).toMatch(/^[0-9a-f]{64}$/);
  expect(hashR).toMatch(/^[0-9a-f]{64}$/);
  expect(hashR).not.toBe(hashL);
  // Opened at the current action: nothing differs yet.
  await expect(page.getByTestId('compare-diff-count')).toHaveText('0');
  const leftBefore = await sideNum(page, 'left', 'step-index');

  // Step both runs one action: the CPU read brings page 3 home on the left only.
  await page.getByTestId('compare-forward').click();
  await expect(page.getByTestId('compare-diff-count')).toHaveText('1');
  expect(await sideNum(page, 'left', 'step-index')).toBeGreaterThan(leftBefore);
  expect(await sideNum(page, 'right', 'step-index')).toBeGreaterThan(leftBefore);
  const left3 = inSide(page, 'left', 'cmp-page-1-3');
  const right3 = inSide(page, 'right', 'cmp-page-1-3');
  await expect(left3).toHaveAttribute('data-differs', 'true');
  await expect(left3).toHaveAttribute('data-location', 'host');
  await expect(right3).toHaveAttribute('data-location', 'gpu0');
  await expect(inSide(page, 'left', 'cmp-page-1-2')).toHaveAttribute('data-differs', 'false');
  await expect(page.getByTestId('compare-parting')).toContainText('part at waypoint');
  // Inspect from either side.
  await right3.click();
  if (process.env.SHOTS)
    await page.screenshot({ path: '/tmp/learn-shots/whatif.png', fullPage: true });
  await expect(page.getByTestId('compare-inspect')).toContainText('device-private on gpu0');
  await expect(page.getByTestId('compare-inspect')).toContainText('present on host');
  // Back one with the keyboard, forward again.
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('compare-diff-count')).toHaveText('0');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('compare-diff-count')).toHaveText('1');
  const stepsL = await sideNum(page, 'left', 'step-index');
  const stepsR = await sideNum(page, 'right', 'step-index');

  // Share: the link carries both runs.
  await page.getByTestId('share').click();
  await expect(page.getByTestId('share-link-step')).toHaveValue(/&whatif=replace\.3\./);
  const link = await page.getByTestId('share-link-step').inputValue();
  await page.keyboard.press('Escape');

  const fresh = await browser.newPage();
  await fresh.goto(link);
  await expect(fresh.getByTestId('compare-view')).toBeVisible({ timeout: 15_000 });
  await expect(inSide(fresh, 'left', 'trace-hash')).toHaveText(hashL!);
  await expect(inSide(fresh, 'right', 'trace-hash')).toHaveText(hashR!);
  await expect(inSide(fresh, 'left', 'step-index')).toHaveText(String(stepsL));
  await expect(inSide(fresh, 'right', 'step-index')).toHaveText(String(stepsR));
  await expect(fresh.getByTestId('compare-diff-count')).toHaveText('1');
  await fresh.close();

  // Leave: the original as it was; undo brings the branch back.
  await page.getByTestId('whatif-leave').click();
  await expect(view).toBeHidden();
  await expect(page.getByTestId('trace-hash')).toHaveText(hashL!);
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('compare-view')).toBeVisible();
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('compare-view')).toBeHidden();
  await expect(page.getByTestId('trace-hash')).toHaveText(hashL!);
  expect(errors).toEqual([]);
});

test('a bad what-if param says so and opens nothing half-way', async ({ page }) => {
  await page.goto('/#preset/cpu-touch&whatif=delete.x');
  await expect(page.getByTestId('error-banner')).toContainText('what-if');
  await expect(page.getByTestId('compare-view')).toHaveCount(0);
});

/** The page scrolls sideways: something is wider than the screen. */
const sideScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

for (const [what, size] of [
  ['a 700px window', { width: 700, height: 900 }],
  ['a phone', { width: 390, height: 844 }],
] as const)
  test(`on ${what} the two runs stack, step together and show their difference`, async ({
    page,
  }) => {
    const errors = watchErrors(page);
    await page.setViewportSize(size);
    await page.goto('/#preset/cpu-touch&step=40&whatif=delete.3');
    const view = page.getByTestId('compare-view');
    await expect(view).toBeVisible({ timeout: 15_000 });
    await expect(inSide(page, 'right', 'trace-hash')).toHaveText(/^[0-9a-f]{64}$/);
    const left = (await page.getByTestId('compare-left').boundingBox())!;
    const right = (await page.getByTestId('compare-right').boundingBox())!;
    // Stacked: B below A, both as wide as the view allows.
    expect(right.y).toBeGreaterThanOrEqual(left.y + left.height);
    expect(Math.abs(right.x - left.x)).toBeLessThan(2);
    expect(left.width).toBeLessThanOrEqual(size.width);
    const before = await sideNum(page, 'left', 'step-index');
    await page.getByTestId('compare-forward').click();
    await expect(page.getByTestId('compare-diff-count')).toHaveText('1');
    expect(await sideNum(page, 'left', 'step-index')).toBeGreaterThan(before);
    await expect(page.getByTestId('compare-diff-count')).toBeInViewport();
    await expect(inSide(page, 'left', 'cmp-page-1-3')).toHaveAttribute('data-differs', 'true');
    expect(await sideScroll(page)).toBe(false);
    if (process.env.SHOTS)
      await page.screenshot({ path: `/tmp/learn-shots/whatif-${size.width}.png`, fullPage: true });
    await page.getByTestId('compare-back').click();
    await expect(page.getByTestId('compare-diff-count')).toHaveText('0');
    expect(errors).toEqual([]);
  });

test('past 512 pages the compare view lists the pages that differ, says so, and shows more', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openBigWhatIf(page);
  const shown = page.getByTestId('compare-shown');
  await expect(shown).toContainText('All 1,024 pages are alike in both runs at this step');
  await expect(inSide(page, 'left', 'cmp-page-1-0')).toHaveCount(0);
  await page.getByTestId('compare-forward').click();
  await expect(page.getByTestId('compare-diff-count')).toHaveText('700');
  await expect(shown).toContainText('Showing 512 of the 700 pages that differ, of 1,024.');
  await expect(shown).toContainText('only the pages that differ are listed');
  const cells = (side: 'left' | 'right') =>
    page.getByTestId(`compare-${side}`).locator('[data-testid^="cmp-page-"]');
  await expect(cells('left')).toHaveCount(512);
  await expect(cells('right')).toHaveCount(512);
  await expect(inSide(page, 'left', 'cmp-page-1-0')).toHaveAttribute('data-location', 'gpu0');
  await expect(inSide(page, 'right', 'cmp-page-1-0')).toHaveAttribute('data-location', 'host');
  // Pages alike on both sides are not listed.
  await expect(inSide(page, 'left', 'cmp-page-1-800')).toHaveCount(0);
  const more = page.getByTestId('compare-more');
  await expect(more).toHaveText('Show 188 more');
  await more.focus();
  await page.keyboard.press('Enter');
  await expect(cells('left')).toHaveCount(700);
  await expect(shown).toContainText('Showing the 700 pages that differ, of 1,024.');
  await expect(more).toHaveCount(0);
  // Picked on one side, told for both; back a step, nothing differs and nothing is listed.
  await inSide(page, 'right', 'cmp-page-1-650').click();
  await expect(page.getByTestId('compare-inspect')).toContainText('device-private on gpu0');
  await expect(page.getByTestId('compare-inspect')).toContainText('present on host');
  await page.getByTestId('compare-back').click();
  await expect(page.getByTestId('compare-diff-count')).toHaveText('0');
  await expect(shown).toContainText('All 1,024 pages are alike in both runs at this step');
  await expect(cells('left')).toHaveCount(0);
  await expect(page.getByText('No pages mapped yet.')).toHaveCount(0);
  await expect(page.getByTestId('compare-inspect')).toContainText(
    'the same in both runs (not listed past 512 pages)',
  );
  if (process.env.SHOTS)
    await page.screenshot({ path: '/tmp/learn-shots/whatif-big.png', fullPage: false });
  expect(errors).toEqual([]);
});
