// The svm driver in the lab (issue 21): an svm GPU shows its chunks in LRU order with the
// next to go marked, an eviction names its reason while the oldest chunk travels home, the
// toolbar offers only the ops an svm device takes, and Compare drivers runs the same accesses
// through dmirror and svm side by side.
import { expect, test } from '@playwright/test';
import { seriousFindings } from './axe.helpers.ts';
import { num, openLab, watchErrors, watchTokenLayer } from './lab.helpers.ts';

test.use({ bypassCSP: true });
test.beforeEach(() => test.setTimeout(90_000));

/** svm-vram-full: ttm_bo_evict of chunk 1 (pages 0–3) for the fault on page 8. */
const EVICT = 89;

test('an svm GPU shows its chunks in LRU order and an eviction with its reason', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openLab(page, `#preset/svm-vram-full&step=${EVICT - 1}`);
  const lru = page.getByTestId('svm-chunks-xe0');
  await expect(lru).toBeVisible();
  // Two chunks fill xe0; chunk 1 (pages 0–3) is at the head: the next to go.
  const chunks = lru.locator('.svm-chunk');
  await expect(chunks).toHaveCount(2);
  await expect(chunks.nth(0)).toHaveAttribute('data-next', 'true');
  await expect(chunks.nth(0)).toContainText('chunk 1');
  await expect(chunks.nth(0)).toContainText('p0..p3');
  await expect(chunks.nth(0)).toContainText('next');
  await expect(chunks.nth(1)).toContainText('p4..p7');
  await expect(page.getByTestId('svm-free-xe0')).toContainText('0 of 8 frames');
  await expect(page.getByTestId('svm-pages-evicted')).toHaveText('0');
  await expect(page.getByTestId('svm-evict-reason')).toHaveCount(0);
  // The panel is an svm GPU's, not a dmirror free list.
  await expect(page.locator('[data-key="gpu-0"] .freelist')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/svm-lru.png' });

  const tokens = await watchTokenLayer(page, 'flying');
  await page.getByTestId('step-forward').click();
  await expect(page.getByTestId('step-index')).toHaveText(String(EVICT));
  await expect(page.getByTestId('step-fn')).toHaveText('ttm_bo_evict');
  await expect(page.getByTestId('svm-evict-reason')).toContainText(
    'VRAM full: the oldest chunk goes',
  );
  await expect(page.getByTestId('svm-evict-reason')).toContainText('chunk 1');
  await expect(chunks.nth(0)).toHaveClass(/evicting/);
  await page.screenshot({ path: 'test-results/svm-evict-reason.png' });

  // On through the eviction: the whole chunk flies home as one token, then chunk 3 takes it.
  while ((await num(page, 'step-index')) < 107) {
    const at = await num(page, 'step-index');
    await page.getByTestId('step-forward').click();
    await expect.poll(() => num(page, 'step-index')).toBe(at + 1);
  }
  await expect(page.getByTestId('step-fn')).toHaveText('migrate_device_finalize');
  await expect.poll(tokens.said).toContain('p0–3 home');
  await page.screenshot({ path: 'test-results/svm-evict-flight.png' });
  await expect(page.getByTestId('svm-pages-evicted')).toHaveText('4');
  await page.keyboard.press('End');
  await expect(page.getByTestId('svm-evict-reason')).toHaveCount(0);
  await expect(chunks).toHaveCount(2);
  await expect(chunks.nth(0)).toContainText('p4..p7');
  await expect(chunks.nth(1)).toContainText('p8..p11');
  await expect(page.getByTestId('svm-pages-evicted')).toHaveText('4');
  expect(errors).toEqual([]);
});

test('with reduced motion an eviction still shows its reason, and nothing flies', async ({
  page,
}) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await openLab(page, `#preset/svm-vram-full&step=${EVICT - 1}`);
  const tokens = await watchTokenLayer(page, 'flying');
  await page.getByTestId('step-forward').click();
  await expect(page.getByTestId('svm-evict-reason')).toContainText(
    'VRAM full: the oldest chunk goes',
  );
  await page.getByTestId('step-forward').click();
  expect(await tokens.said()).toEqual([]);
});

test('the toolbar and the page menu offer an svm device only the ops it takes', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openLab(page, '#preset/svm-vram-full');
  const device = page.getByRole('toolbar').getByRole('group', { name: 'Device' });
  const offered = () =>
    device
      .locator('button[data-action]')
      .evaluateAll((bs) => bs.map((b) => b.getAttribute('data-action')));
  expect(await offered()).toEqual(['dev_read', 'dev_write', 'release']);
  await expect(page.getByTestId('tb-driver-note')).toContainText('migrates on a GPU fault');
  await expect(page.getByTestId('tb-driver-note')).toHaveAttribute(
    'title',
    /xe_svm_handle_pagefault/,
  );

  await page.keyboard.press('End');
  await page.getByTestId('page-1-3').click();
  await page.getByTestId('page-1-3').click({ button: 'right' });
  const menu = page.getByRole('menu', { name: 'Page actions' });
  await expect(menu.getByRole('menuitem', { name: 'xe0: read' })).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: /migrate|exclusive/ })).toHaveCount(0);
  await expect(menu.getByTestId('ctx-driver-note')).toContainText('xe0 (svm)');
  await page.screenshot({ path: 'test-results/svm-toolbar.png' });
  expect(await seriousFindings(page), 'the page menu of an svm lesson').toEqual([]);
  await page.keyboard.press('Escape');

  // A dmirror lesson still offers its commands.
  await openLab(page, '#preset/cpu-touch');
  expect(await offered()).toEqual([
    'dev_read',
    'dev_write',
    'migrate_to_device',
    'migrate_to_host',
    'make_exclusive',
    'release',
  ]);
  await expect(page.getByTestId('tb-driver-note')).toHaveCount(0);
  expect(errors).toEqual([]);
});

/** A pane's counter, as its counts table shows it. */
const counter = (page: import('@playwright/test').Page, side: 'left' | 'right', name: string) =>
  page
    .getByTestId(`compare-${side}`)
    .locator('.cmp-counts tr', { has: page.locator(`th[scope="row"]:text-is("${name}")`) })
    .locator('td');

test('Compare drivers runs a lesson with its GPU as dmirror and as svm, stepped together', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openLab(page, '#preset/svm-vram-full');
  await page.getByTestId('drivers-open').click();
  const view = page.getByTestId('compare-view');
  await expect(view).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('compare-left')).toContainText('dmirror (test_hmm)');
  await expect(page.getByTestId('compare-right')).toContainText('svm (xe, amdgpu)');
  // The svm lesson's actions are dmirror's too: nothing to translate.
  await expect(page.getByTestId('drivers-notes')).toContainText('exactly the scenario');

  // Step both to the end by action: dmirror mirrored in place, svm migrated and evicted.
  for (let k = 0; k < 4; k++) await page.getByTestId('compare-forward').click();
  await expect(view.locator('.cmp-steplabel')).toHaveText(/Step 4 of 4/);
  await expect(counter(page, 'left', 'pagesEvicted')).toHaveText('0');
  await expect(counter(page, 'right', 'pagesEvicted')).toHaveText(/^4\+4$/);
  await expect(counter(page, 'left', 'pagesToDevice')).toHaveText('0');
  await expect(counter(page, 'right', 'pagesToDevice')).toHaveText(/^12/);
  await expect(page.getByTestId('compare-diff-count')).not.toHaveText('0');
  await page.screenshot({ path: 'test-results/svm-compare.png', fullPage: true });

  // Back one action: before the third fault, nothing was evicted yet.
  await page.getByTestId('compare-back').click();
  await expect(counter(page, 'right', 'pagesEvicted')).toHaveCount(0);
  await page.getByTestId('drivers-leave').click();
  await expect(page.getByTestId('stage')).toBeVisible();
  expect(errors).toEqual([]);
});

test('Compare drivers puts an svm lesson on private and coherent VRAM side by side', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openLab(page, '#preset/svm-vram-full');
  await page.getByTestId('drivers-open').click();
  await page.getByRole('radio', { name: 'private ↔ coherent' }).check();
  const view = page.getByTestId('compare-view');
  await expect(page.getByTestId('compare-left')).toContainText(
    'svm (xe, amdgpu) · private memory',
    {
      timeout: 15_000,
    },
  );
  await expect(page.getByTestId('compare-right')).toContainText(
    'svm (xe, amdgpu) · coherent memory',
  );
  await expect(page.getByTestId('drivers-notes')).toContainText('exactly the scenario');
  for (let k = 0; k < 4; k++) await page.getByTestId('compare-forward').click();
  await expect(view.locator('.cmp-steplabel')).toHaveText(/Step 4 of 4/);
  // The same faults, migrations and eviction on both: coherent VRAM is evicted like private.
  await expect(counter(page, 'left', 'pagesEvicted')).toHaveText('4');
  await expect(counter(page, 'right', 'pagesEvicted')).toHaveText('4');
  await page.screenshot({ path: 'test-results/svm-compare-coherent.png', fullPage: true });
  expect(errors).toEqual([]);
});

test('Compare drivers on a dmirror lesson translates migrate and says what it dropped', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openLab(page, '#preset/cpu-touch');
  await page.getByTestId('drivers-open').click();
  const notes = page.getByTestId('drivers-notes');
  await expect(notes).toContainText('migrate_to_device becomes dev_read', { timeout: 15_000 });
  await expect(notes).toContainText('on B');
  const label = page.getByTestId('compare-view').locator('.cmp-steplabel');
  // Keys pressed before both runs are open have no steps to go to.
  await expect(label).toHaveText(/Before the first action · \d+ steps/);
  await page.keyboard.press('End');
  await expect(label).toHaveText(/^Step (\d+) of \1/);
  // dmirror moves one page home on the CPU touch; svm brings the whole 4-page chunk.
  await expect(counter(page, 'left', 'pagesToHost')).toHaveText('1');
  await expect(counter(page, 'right', 'pagesToHost')).toHaveText(/^4\+3$/);
  await page.screenshot({ path: 'test-results/svm-compare-dmirror.png', fullPage: true });
  await page.getByRole('radio', { name: 'private ↔ coherent' }).check();
  await expect(page.getByTestId('compare-right')).toContainText('coherent memory');
  await expect(page.getByTestId('compare-left')).toContainText('private memory');
  expect(errors).toEqual([]);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`the svm view has no serious or critical axe findings (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await openLab(page, `#preset/svm-vram-full&step=${EVICT}`);
    await expect(page.getByTestId('svm-evict-reason')).toBeVisible();
    expect(await seriousFindings(page), 'svm chunks during an eviction').toEqual([]);
    await page.getByTestId('drivers-open').click();
    await expect(page.getByTestId('compare-left')).toContainText('dmirror', { timeout: 15_000 });
    await page.getByTestId('compare-forward').click();
    expect(await seriousFindings(page), 'Compare drivers').toEqual([]);
  });
}

test('the editor makes a GPU an svm device with its chunk size; a dmirror-only op is named, nothing lost', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openLab(page, '#preset/cpu-touch');
  const before = await page.getByTestId('step-count').textContent();
  await page.getByTestId('open-editor').click();
  const editor = page.getByTestId('editor');
  const dev = editor.getByTestId('ed-device-0');
  await expect(dev.getByLabel('chunk')).toHaveCount(0);
  await dev.getByLabel('driver').selectOption('svm');
  // cpu-touch migrates by hand: an svm device refuses it, and the status says which action.
  await expect(editor.getByTestId('ed-status')).toContainText('migrate_to_device');
  await expect(editor.getByTestId('ed-apply')).toBeDisabled();
  await dev.getByLabel('driver').selectOption('dmirror');
  await expect(editor.getByTestId('ed-status')).toContainText('Valid');
  await editor.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(page.getByTestId('step-count')).toHaveText(before!);
  await expect(page).toHaveURL(/#preset\/cpu-touch/);

  // mirror-fault has only CPU and device accesses: as svm it runs, chunk by chunk.
  await openLab(page, '#preset/mirror-fault');
  await page.getByTestId('open-editor').click();
  await dev.getByLabel('driver').selectOption('svm');
  await dev.getByLabel('chunk').fill('2');
  await expect(editor.getByTestId('ed-status')).toContainText('Valid');
  await editor.getByTestId('ed-apply').click();
  await expect(editor).toHaveCount(0);
  await expect(page).toHaveURL(/#v2\./, { timeout: 15_000 });
  await page.keyboard.press('End');
  // Six pages faulted by gpu0 in 2-page ranges: three chunks of two frames.
  const chunks = page.getByTestId('svm-chunks-gpu0').locator('.svm-chunk');
  await expect(chunks).toHaveCount(3);
  await expect(chunks.nth(0)).toContainText('p0..p1');
  // TTM owns an svm GPU's VRAM: an unused frame is free VRAM, not a driver free list entry.
  await expect(page.getByLabel('device frame 6: free VRAM (in no live chunk)')).toBeVisible();
  // A @2 run is checked against v2's invariants: 1–3 as amended, 6–8 added.
  await expect(page.locator('.invariants li.holds')).toHaveCount(8);
  await expect(page.locator('.invariants')).toContainText('live svm chunk');
  await page.screenshot({ path: 'test-results/svm-editor.png' });
  expect(errors).toEqual([]);
});
