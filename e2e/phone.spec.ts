// Issue 17, a phone upright (390 × 844, touch): one column with nothing cut off or scrolled
// sideways, stepping from the transport at the foot of the screen, pages selected by touch and
// acted on from the folded toolbar and from the context menu. Also axe at that width.
import { expect, test, type Page } from '@playwright/test';
import { seriousFindings } from './axe.helpers.ts';
import { num, openLab, watchErrors } from './lab.helpers.ts';

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

/** Nothing wider than the screen: no sideways scroll of the page or its main column. */
async function expectNoSidewaysScroll(page: Page) {
  const widths = await page.evaluate(() => {
    const el = document.documentElement;
    const main = document.querySelector('.main')!;
    const edge = main.getBoundingClientRect().right;
    const wide = [...main.querySelectorAll('*')]
      .filter((e) => e.getBoundingClientRect().right > edge + 0.5)
      .map((e) => `${e.tagName}.${e.className}`);
    return {
      page: el.scrollWidth,
      view: el.clientWidth,
      main: main.scrollWidth - main.clientWidth,
      wide,
    };
  });
  expect(widths.page, 'document scrollWidth').toBeLessThanOrEqual(widths.view);
  expect(widths.main, `main column overflow: ${widths.wide.join(', ')}`).toBeLessThanOrEqual(0);
}

test('at 390 px: no sideways scroll, stepping, select a page and act on it', async ({ page }) => {
  test.setTimeout(60_000);
  const errors = watchErrors(page);
  await openLab(page, '#preset/cpu-touch&step=12');
  await expectNoSidewaysScroll(page);
  // Everything the lab is made of is inside the screen's width.
  for (const part of ['.header', '.narration', '.proc-panel', '.host-panel', '.gpus', '.toolbar']) {
    const box = (await page.locator(part).first().boundingBox())!;
    expect(box.x, part).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, part).toBeLessThanOrEqual(390);
  }
  await expect(page.getByLabel('Lesson')).toBeInViewport();
  await expect(page.getByTestId('share')).toBeInViewport();

  // Stepping: the transport stays on screen wherever the picture is scrolled to.
  await page.getByTestId('step-forward').tap();
  await expect(page.getByTestId('step-index')).toHaveText('13');
  const fn = await page.getByTestId('step-fn').textContent();
  await page.locator('.gpus').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('step-forward')).toBeInViewport();
  await page.getByTestId('step-forward').tap();
  await expect(page.getByTestId('step-index')).toHaveText('14');
  await page.getByTestId('step-back').tap();
  await page.getByTestId('step-back').tap();
  await expect(page.getByTestId('step-index')).toHaveText('12');
  await page.getByTestId('step-forward').tap();
  await expect(page.getByTestId('step-fn')).toHaveText(fn!);

  // Select page 3 by touch; the folded toolbar names it and unfolds to its actions.
  const count = await num(page, 'step-count');
  await page.getByTestId('page-1-3').tap();
  const toolbar = page.getByRole('toolbar', { name: 'Trigger accesses' });
  await expect(toolbar).toContainText('1 page: p3');
  await expect(toolbar).toBeInViewport();
  const deviceRead = toolbar.getByRole('group', { name: 'Device' }).getByRole('button', {
    name: 'read',
  });
  await expect(deviceRead).toBeHidden();
  await toolbar.getByRole('button', { name: 'Actions' }).tap();
  await expect(toolbar.getByRole('button', { name: 'Actions' })).toHaveAttribute(
    'aria-expanded',
    'true',
  );
  await expect(deviceRead).toBeInViewport();
  await page.screenshot({ path: test.info().outputPath('phone-actions.png') });
  await expectNoSidewaysScroll(page);
  const mmap = toolbar.getByText('mmap…');
  await mmap.tap();
  await expect(toolbar.getByRole('spinbutton', { name: 'count' })).toBeInViewport();
  await expectNoSidewaysScroll(page);
  await mmap.tap();
  await deviceRead.tap();
  await expect.poll(() => num(page, 'step-count')).toBeGreaterThan(count);
  await expect(page.getByTestId('dpte-gpu0-1-3')).toBeAttached({ timeout: 20_000 });
  await page.keyboard.press('End');
  await expect(page.locator('.outcome.ok')).toContainText('dev_read ok');

  // The page menu (the contextmenu event: a right click, or a long press in Chrome on Android)
  // acts on the selection too, and fits the screen.
  const after = await num(page, 'step-count');
  await page.getByTestId('page-1-3').click({ button: 'right' });
  const menu = page.getByRole('menu', { name: 'Page actions' });
  await expect(menu).toBeInViewport({ ratio: 1 });
  await menu.getByRole('menuitem', { name: 'CPU read' }).tap();
  await expect.poll(() => num(page, 'step-count')).toBeGreaterThan(after);
  await expectNoSidewaysScroll(page);
  await page.screenshot({ path: test.info().outputPath('phone.png') });
  expect(errors).toEqual([]);
});

test('at 390 px with two GPUs and the share dialog: still one screen wide', async ({ page }) => {
  const errors = watchErrors(page);
  await openLab(page, '#preset/two-gpus&step=20');
  await expectNoSidewaysScroll(page);
  await page.getByTestId('share').tap();
  const dialog = page.getByTestId('share-dialog');
  await expect(dialog.getByTestId('share-link-step')).toBeInViewport();
  const box = (await dialog.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  await expectNoSidewaysScroll(page);
  await page.screenshot({ path: test.info().outputPath('phone-share.png') });
  expect(errors).toEqual([]);
});

for (const scheme of ['light', 'dark'] as const) {
  test.describe(() => {
    test.use({ bypassCSP: true });
    test(`at 390 px axe finds nothing serious or critical (${scheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await openLab(page, '#preset/cpu-touch&step=30');
      await page.getByTestId('page-1-2').tap();
      await page.getByRole('button', { name: 'Actions' }).tap();
      expect(await seriousFindings(page)).toEqual([]);
      await page.screenshot({ path: test.info().outputPath(`phone-${scheme}.png`) });
    });
  });
}
