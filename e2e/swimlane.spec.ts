// Issue 19, the swim-lane: the CPU-touch lesson's call path through the layers, seeking by
// clicking a call, a cursor that follows stepping, zoom from the keyboard, axe in both themes.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { forward, num, openLab, watchErrors } from './lab.helpers.ts';
import { seriousFindings } from './axe.helpers.ts';

test.use({ bypassCSP: true }); // only so that axe can be injected

const spans = (page: Page) => page.getByTestId('swimlane-span');

async function listed(page: Page) {
  return spans(page).evaluateAll((els) =>
    els.map((e) => ({
      fn: e.getAttribute('data-fn')!,
      layer: e.getAttribute('data-layer')!,
      seq: Number(e.getAttribute('data-seq')),
      current: e.getAttribute('aria-current') === 'step',
      width: e.getBoundingClientRect().width,
    })),
  );
}

test('the CPU touch runs CPU → mm → driver → HMM → driver, and a click lands there', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openLab(page, '#preset/cpu-touch&step=0');
  const lane = page.getByTestId('swimlane');
  await expect(lane).toBeVisible();
  await expect(spans(page).first()).toBeVisible({ timeout: 15_000 });
  const all = await listed(page);
  const read = all.find((s) => s.fn === 'cpu_read')!;
  expect(read.layer).toBe('cpu');
  const after = all.filter((s) => s.seq >= read.seq).map((s) => `${s.layer} ${s.fn}`);
  const at = (re: RegExp) => after.findIndex((s) => re.test(s));
  expect(after[0]).toBe('cpu cpu_read');
  expect(at(/^mm do_swap_page$/)).toBeGreaterThan(0);
  expect(at(/^driver:gpu0 migrate_to_ram$/)).toBeGreaterThan(at(/^mm do_swap_page$/));
  expect(at(/^hmm migrate_vma_/)).toBeGreaterThan(at(/^driver:gpu0 migrate_to_ram$/));
  expect(at(/^driver:gpu0 page_free$/)).toBeGreaterThan(at(/^hmm migrate_vma_/));

  // Clicking a call seeks to its first waypoint; the stage and the text alternative follow.
  const swap = spans(page).and(page.locator('[data-fn="do_swap_page"]'));
  const seq = Number(await swap.getAttribute('data-seq'));
  await swap.click();
  await expect.poll(() => num(page, 'step-index')).toBe(seq);
  await expect(page.getByTestId('step-fn')).toHaveText('do_swap_page');
  await expect(page.locator('#sl-path')).toContainText('handle_mm_fault › do_swap_page');
  await expect(swap).toHaveAttribute('aria-current', 'step');

  // The cursor follows stepping: one step on, migrate_to_ram is the innermost open call.
  await forward(page);
  await expect(page.locator('#sl-path')).toContainText('do_swap_page › migrate_to_ram');
  await expect(page.locator('#sl-path')).toContainText(`Step ${seq + 1}`);
  const ram = spans(page).and(page.locator('[data-fn="migrate_to_ram"]'));
  await expect(ram).toHaveAttribute('aria-current', 'step');
  expect(errors).toEqual([]);
});

test('zoom and fit from the keyboard; hover shows the call and the contract point', async ({
  page,
}) => {
  await openLab(page, '#preset/cpu-touch&step=47');
  await expect(spans(page).first()).toBeVisible({ timeout: 15_000 });
  // The driver's invalidate callback, three steps after the cursor: one waypoint wide.
  const width = async () =>
    (await listed(page)).find((s) => s.fn === 'dmirror_interval_invalidate' && s.seq === 50)!.width;
  const before = await width();
  await page.getByRole('group', { name: /Swim-lane/ }).focus();
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  await expect.poll(width).toBeGreaterThan(before * 2);
  // Zooming in drops calls that scrolled out of view from the list.
  expect((await listed(page)).length).toBeLessThan(50);
  await page.keyboard.press('0');
  await expect.poll(width).toBeCloseTo(before, 0);

  // A hover on a call shows its fn, layer and sentence.
  await spans(page).and(page.locator('[data-fn="migrate_to_ram"]')).hover();
  const tip = page.locator('.sl-tip');
  await expect(tip).toContainText('migrate_to_ram');
  await expect(tip).toContainText('driver · gpu0');
  await expect(tip).toContainText(/driver is called back/);

  // The arrow from core mm into the driver where migrate_to_ram is called: contract point 1.
  const box = (await spans(page).and(page.locator('[data-fn="migrate_to_ram"]')).boundingBox())!;
  await page.mouse.move(box.x + 3.5, box.y + 2);
  await expect(tip).toContainText('Contract point 1');
  await expect(tip).toContainText('core mm → driver · gpu0');
});

for (const scheme of ['light', 'dark'] as const) {
  test(`the swim-lane has no serious or critical axe findings (${scheme})`, async ({ page }) => {
    test.setTimeout(60_000);
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await openLab(page, '#preset/cpu-touch&step=50');
    await expect(spans(page).first()).toBeVisible({ timeout: 15_000 });
    expect(await seriousFindings(page)).toEqual([]);
    await page.getByTestId('swimlane').screenshot({ path: `test-results/swimlane-${scheme}.png` });
  });
}

test('export figure: the stage and the swim-lane as SVG that parses and names the step; PNG at 2×', async ({
  page,
}) => {
  await openLab(page, '#preset/cpu-touch&step=47');
  await expect(spans(page).first()).toBeVisible({ timeout: 15_000 });
  const download = async (item: RegExp) => {
    await page.getByTestId('export-figure').click();
    const [d] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: item }).click(),
    ]);
    const path = await d.path();
    return { name: d.suggestedFilename(), body: readFileSync(path) };
  };
  const parse = (svg: string) =>
    page.evaluate((svg) => {
      const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
      const spans = [...doc.querySelectorAll('[data-testid="swimlane-span"]')];
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        root: doc.documentElement.nodeName,
        texts: [...doc.querySelectorAll('text')].map((t) => t.textContent),
        spans: spans.map((s) => `${s.getAttribute('data-layer')} ${s.getAttribute('data-fn')}`),
      };
    }, svg);

  const stage = await download(/Stage at this step · SVG/);
  expect(stage.name).toMatch(/step-47-stage\.svg$/);
  const s = await parse(stage.body.toString('utf8'));
  expect(s.error).toBeNull();
  expect(s.root).toBe('svg');
  expect(s.texts).toContain('Step 47 of 57 · migrate_to_ram');
  expect(s.texts.some((t) => /CPU touch/i.test(t ?? ''))).toBe(true);
  // The stage's labels are text: the device frames and their zone_device_data.
  expect(s.texts).toContain('d0');
  expect(s.texts.some((t) => /dmirror/.test(t ?? ''))).toBe(true);

  const lane = await download(/Swim-lane in view · SVG/);
  const l = await parse(lane.body.toString('utf8'));
  expect(l.error).toBeNull();
  expect(l.texts).toContain('Step 47 of 57 · migrate_to_ram');
  expect(l.spans).toContain('driver:gpu0 migrate_to_ram');
  expect(l.spans).toContain('mm do_swap_page');

  const png = await download(/PNG 2×/);
  expect(png.name).toMatch(/\.png$/);
  expect(png.body.subarray(1, 4).toString('latin1')).toBe('PNG');
  const svgWidth = Number(/width="(\d+)"/.exec(stage.body.toString('utf8'))![1]);
  expect(png.body.readUInt32BE(16)).toBe(svgWidth * 2);
});
