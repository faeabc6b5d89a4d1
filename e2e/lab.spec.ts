// The lab as a student uses it: step through the CPU-touch lesson, trigger accesses by hand,
// drive it from the keyboard only, with reduced motion, and open links.
import { expect, test } from '@playwright/test';
import { encodeLink } from '../src/scenario/link.ts';
import { parseScenario } from '../src/scenario/schema.ts';
import type { Scenario } from '../src/scenario/types.ts';
import { createTimeline } from '../src/timeline/timeline.ts';
import { forward, num, openLab, watchErrors, watchTokenLayer } from './lab.helpers.ts';

test('CPU touch: narration walks the fault path while page 3 comes home from gpu0', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const errors = watchErrors(page);
  await openLab(page, '#preset/cpu-touch');
  const count = await num(page, 'step-count');
  // From the end of the migration to the device (the action before the CPU read) onwards.
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+ArrowLeft');
  await expect(page.getByTestId('step-index')).not.toHaveText(String(count - 1));
  const from = await num(page, 'step-index');
  const read = () =>
    page.evaluate(() => {
      const cell = document.querySelector('[data-testid="page-1-3"]');
      return {
        fn: document.querySelector('[data-testid="step-fn"]')?.textContent ?? '',
        location: cell?.getAttribute('data-location') ?? null,
        cpu: cell?.getAttribute('data-cpu') ?? null,
      };
    });
  const seen: { fn: string; location: string | null; cpu: string | null }[] = [];
  for (let i = from; i < count - 1; i++) {
    await forward(page);
    seen.push(await read());
  }
  const want = [
    'do_swap_page',
    'migrate_to_ram',
    'migrate_vma_setup',
    'migrate_vma_pages',
    'migrate_vma_finalize',
    'page_free',
  ];
  const start = seen.findIndex((s) => s.fn === 'do_swap_page');
  expect(start).toBeGreaterThan(0);
  let at = start;
  for (const fn of want) {
    const k = seen.findIndex((s, i) => i >= at && s.fn === fn);
    expect(k, `${fn} after step ${at}`).toBeGreaterThanOrEqual(at);
    at = k;
  }
  // On the GPU when the fault is taken, in host RAM once the path is done.
  expect(seen[start]).toMatchObject({ location: 'gpu0', cpu: 'device-private' });
  expect(seen[at]).toMatchObject({ location: 'host', cpu: 'present' });
  const finalize = seen.findIndex((s, i) => i > start && s.fn === 'migrate_vma_finalize');
  expect(seen[finalize - 1].location).toBe('gpu0');
  expect(seen[finalize].location).toBe('host');
  await expect(page.getByTestId('trace-hash')).toHaveText(/^[0-9a-f]{64}$/);
  expect(errors).toEqual([]);
});

test('a GPU read triggered by hand fills the device page table', async ({ page }) => {
  test.setTimeout(60_000);
  const errors = watchErrors(page);
  await openLab(page, '#preset/cpu-touch');
  await page.keyboard.press('End');
  const count = await num(page, 'step-count');
  await expect(page.getByTestId('step-index')).toHaveText(String(count - 1));
  await expect(page.getByTestId('dpte-gpu0-1-3')).toHaveCount(0);
  await page.getByLabel('Speed').selectOption('4');
  await page.getByTestId('page-1-3').click();
  await page.getByRole('group', { name: 'Device' }).getByRole('button', { name: 'read' }).click();
  await expect.poll(() => num(page, 'step-count')).toBeGreaterThan(count);
  await expect(page.getByTestId('dpte-gpu0-1-3')).toBeVisible({ timeout: 20_000 });
  await expect
    .poll(async () => (await num(page, 'step-index')) + 1, { timeout: 20_000 })
    .toBe(await num(page, 'step-count'));
  await expect(page.locator('.outcome.ok')).toContainText('dev_read ok');
  // The address bar now carries the edited scenario; opening it shows the same run and step.
  await expect
    .poll(() => page.evaluate(() => location.hash))
    .toMatch(/^#v1\..*&step=\d+&h=[0-9a-f]{8}&ha=[A-Za-z0-9_-]+$/);
  const link = await page.evaluate(() => location.hash);
  await expect(page.getByTestId('trace-hash')).toHaveText(/^[0-9a-f]{64}$/);
  const hash = await page.getByTestId('trace-hash').textContent();
  await page.goto('about:blank');
  await openLab(page, link);
  await expect(page.getByTestId('trace-hash')).toHaveText(hash!);
  await expect(page.getByTestId('step-index')).toHaveText(/&step=(\d+)/.exec(link)![1]);
  await expect(page.getByTestId('dpte-gpu0-1-3')).toBeVisible();
  expect(errors).toEqual([]);
});

test('a device page table longer than its box scrolls through every entry', async ({ page }) => {
  const errors = watchErrors(page);
  const scenario: Scenario = {
    format: 'hmm-lab/scenario@1',
    title: '96 pages on the GPU',
    config: { hostFrames: 128, devices: [{ name: 'gpu0', frames: 128 }] },
    actions: [
      { op: 'mmap', start: 0, count: 96, prot: 'rw' },
      { op: 'cpu_write', start: 0, count: 96, value: 5 },
      { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 96 },
    ],
  };
  await openLab(page, encodeLink(scenario));
  await page.keyboard.press('End');
  const table = page.getByRole('group', { name: 'gpu0 entries' });
  await expect(page.locator('.devpt-head')).toContainText('96 entries');
  await expect(page.getByTestId('dpte-gpu0-1-0')).toBeVisible();
  // Only the rows in view (and a few around them) are drawn.
  await expect(page.getByTestId('dpte-gpu0-1-95')).toHaveCount(0);
  expect(await table.locator('.devpt-row').count()).toBeLessThan(40);
  // Scrolling the box as a person does brings the last entries in, and the first ones leave.
  await table.hover();
  for (let i = 0; i < 20 && !(await page.getByTestId('dpte-gpu0-1-95').isVisible()); i++)
    await page.mouse.wheel(0, 400);
  await expect(page.getByTestId('dpte-gpu0-1-95')).toBeVisible();
  await expect(page.getByTestId('dpte-gpu0-1-95')).toContainText('p95');
  await expect(page.getByTestId('dpte-gpu0-1-0')).toHaveCount(0);
  // An entry opens in the inspector from there as from the top.
  await page.getByTestId('dpte-gpu0-1-94').click();
  await expect(page.getByRole('tab', { name: 'Inspector' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(page.getByRole('tabpanel')).toContainText('gpu0 page table · pid 1 p94');
  expect(errors).toEqual([]);
});

test('a kernel error is shown as the kernel result, explained', async ({ page }) => {
  const errors = watchErrors(page);
  await openLab(page, '#preset/cpu-touch');
  await page.keyboard.press('End');
  await page.getByLabel('Speed').selectOption('4');
  await page.getByTestId('page-1-0').click();
  await page.getByLabel('protection for mprotect').selectOption('r');
  const before = await num(page, 'step-count');
  await page.getByRole('button', { name: 'mprotect' }).click();
  // The mprotect's waypoints have been appended and played to the end.
  await expect
    .poll(
      async () => {
        const count = await num(page, 'step-count');
        return count > before && (await num(page, 'step-index')) + 1 === count;
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  await page.getByRole('group', { name: 'CPU' }).getByRole('button', { name: 'write' }).click();
  await expect(page.getByTestId('action-errno')).toContainText('EFAULT', { timeout: 20_000 });
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('keyboard only: arrows, shift+arrows, Home/End, Space', async ({ page }) => {
  const errors = watchErrors(page);
  await openLab(page, '#preset/cpu-touch&step=0');
  const count = await num(page, 'step-count');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('step-index')).toHaveText('1');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('step-index')).toHaveText('1');
  await page.keyboard.press('Shift+ArrowRight');
  await expect.poll(() => num(page, 'step-index')).toBeGreaterThan(1);
  const endOfSetup = await num(page, 'step-index');
  await page.keyboard.press('Shift+ArrowRight');
  await expect.poll(() => num(page, 'step-index')).toBeGreaterThan(endOfSetup);
  await page.keyboard.press('Shift+ArrowLeft');
  await expect(page.getByTestId('step-index')).toHaveText(String(endOfSetup));
  await page.keyboard.press('End');
  await expect(page.getByTestId('step-index')).toHaveText(String(count - 1));
  await page.keyboard.press('Home');
  await expect(page.getByTestId('step-index')).toHaveText('0');
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect.poll(() => num(page, 'step-index'), { timeout: 5_000 }).toBeGreaterThan(0);
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  // Pages are reachable too: focus one, ↓ to the next, Space selects, Shift+Space a range.
  await page.keyboard.press('End');
  await page.getByTestId('page-1-2').focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Shift+Space');
  await expect(page.getByTestId('page-1-3')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByText('2 pages: p2–p3')).toBeVisible();
  await expect(page.getByTestId('step-index')).toHaveText(String(count - 1));
  // The narration reaches screen readers.
  await expect(page.getByTestId('narration-live')).toContainText('Step');
  expect(errors).toEqual([]);
});

test('screen readers hear the step the lab rests on, not every step on the way', async ({
  page,
}) => {
  await openLab(page, '#preset/cpu-touch&step=0');
  const live = page.getByTestId('narration-live');
  await expect(live).toContainText('Step 0 of');
  await live.evaluate((el) => {
    const w = window as unknown as { said: string[] };
    w.said = [];
    new MutationObserver(() => w.said.push(el.textContent ?? '')).observe(el, {
      childList: true,
      characterData: true,
      subtree: true,
    });
  });
  // Five steps as fast as a held key repeats (one Playwright click can take longer than the
  // lab's rest under load, and a step the lab rests on is rightly announced).
  await page.getByTestId('step-forward').evaluate(async (b: HTMLElement) => {
    for (let i = 0; i < 5; i++) {
      b.click();
      await new Promise((r) => setTimeout(r, 30));
    }
  });
  await expect(page.getByTestId('step-index')).toHaveText('5');
  await expect(live).toContainText('Step 5 of');
  const said = await page.evaluate(() => (window as unknown as { said: string[] }).said);
  expect(said.filter((t) => t.startsWith('Step'))).toHaveLength(1);
});

test('reduced motion: no travelling tokens, changes still highlighted', async ({ page }) => {
  const errors = watchErrors(page);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await openLab(page, '#preset/cpu-touch&step=32');
  // Record, from before the step, every time the layer starts a flight or a pop and the most
  // token-layer pixels any animation frame had: a short animation cannot slip between samples.
  await page.evaluate(() => {
    const seen = { marks: [] as string[], area: 0 };
    (window as unknown as { motionSeen: typeof seen }).motionSeen = seen;
    const c = document.querySelector<HTMLCanvasElement>('canvas.tokens')!;
    new MutationObserver((records) => {
      for (const r of records)
        if (c.hasAttribute(r.attributeName!)) seen.marks.push(r.attributeName!);
    }).observe(c, { attributes: true, attributeFilter: ['data-flying', 'data-popping'] });
    const sample = () => {
      seen.area = Math.max(seen.area, c.width * c.height);
      requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
  });
  await forward(page); // the driver's alloc and copy: a page would travel the bus
  await expect(page.getByTestId('step-index')).toHaveText('33');
  // Longer than any step's animation at speed 1 (STEP_MS).
  await page.waitForTimeout(1500);
  const seen = await page.evaluate(
    () => (window as unknown as { motionSeen: { marks: string[]; area: number } }).motionSeen,
  );
  expect(seen).toEqual({ marks: [], area: 0 });
  await expect(page.locator('[data-key="dev-0-0"].changed')).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('with motion, a migrating page travels as a token', async ({ page }) => {
  await openLab(page, '#preset/cpu-touch&step=32');
  await expect(page.getByTestId('step-index')).toHaveText('32');
  // Record every page the animation layer sends flying, and the most token pixels it drew.
  const layer = await watchTokenLayer(page, 'flying');
  await page.getByTestId('step-forward').click();
  await expect.poll(layer.said).toEqual(['p0']);
  // A whole token (30 × 18 px) was on screen, and the layer empties once it has landed.
  await expect.poll(layer.painted).toBeGreaterThanOrEqual(30 * 18);
  await expect(page.getByTestId('tokens')).not.toHaveAttribute('data-flying');
  await expect(page.getByTestId('tokens')).toBeHidden();
});

test('what a step changed pops once, stepping forward or back', async ({ page }) => {
  const errors = watchErrors(page);
  await openLab(page, '#preset/cpu-touch&step=32');
  await expect(page.getByTestId('step-index')).toHaveText('32');
  // Record what pops, and the most pixels the layer drew since `painted` was last reset.
  const layer = await watchTokenLayer(page, 'popping');
  const pops = layer.said;
  // The cells and device-PTE rows ringed (the free list's ring stays still).
  const ringed = () =>
    page
      .getByTestId('stage')
      .locator('.cell.changed, .devpt-row.changed')
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.key).sort());
  await page.getByTestId('step-forward').click();
  await expect(page.getByTestId('step-index')).toHaveText('33');
  // The driver's copy rings device frame 0 and pops it: the cells that pop are the ringed ones.
  await expect.poll(pops).toHaveLength(1);
  const [forward] = await pops();
  expect(forward.split(' ')).toContain('dev-0-0');
  expect(forward.split(' ').sort()).toEqual(await ringed());
  // Once played, the layer empties; the ring stays.
  await expect(page.getByTestId('tokens')).not.toHaveAttribute('data-popping');
  await expect(page.getByTestId('tokens')).toBeHidden();
  await expect(page.locator('[data-key="dev-0-0"].changed')).toHaveCount(1);
  // Back: no page travels, but what step 32 changed pops, and its rings are drawn.
  await layer.resetPainted();
  await page.getByTestId('step-back').click();
  await expect(page.getByTestId('step-index')).toHaveText('32');
  await expect.poll(pops).toHaveLength(2);
  const back = (await pops())[1];
  expect(back.split(' ').sort()).toEqual(await ringed());
  // at least a 3 px ring around a 40 × 46 px frame
  await expect.poll(layer.painted).toBeGreaterThan(2 * (40 + 46) * 3);
  await expect(page.getByTestId('tokens')).not.toHaveAttribute('data-flying');
  expect(errors).toEqual([]);
});

test('links: a step opens where it says, the address bar follows, a bad link is explained', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openLab(page, '#preset/cpu-touch&step=45');
  await expect(page.getByTestId('step-index')).toHaveText('45');
  await forward(page);
  // The address bar carries the run's digest after the step (&h=…&ha=…).
  await expect
    .poll(() => page.evaluate(() => location.hash))
    .toMatch(/^#preset\/cpu-touch&step=46&h=[0-9a-f]{8}&ha=[A-Za-z0-9_-]+$/);
  const length = await page.evaluate(() => history.length);
  await forward(page);
  await forward(page);
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => history.length)).toBe(length);

  await page.goto('/#v1.this-is-not-a-link');
  await page.reload();
  await expect(page.getByTestId('error-banner')).toBeVisible();
  await expect.poll(() => num(page, 'step-count')).toBeGreaterThan(0);
  expect(errors).toEqual([]);
});

test('a step on a GPU below the fold brings that GPU into view', async ({ page }) => {
  const errors = watchErrors(page);
  const parsed = parseScenario({
    format: 'hmm-lab/scenario@1',
    config: { hostFrames: 32, devices: [0, 1, 2, 3].map((i) => ({ name: `gpu${i}`, frames: 8 })) },
    actions: [
      { op: 'mmap', start: 0, count: 16, prot: 'rw' },
      { op: 'cpu_write', start: 0, count: 16, value: 7 },
      ...[0, 1, 2].map((i) => ({
        op: 'migrate_to_device',
        device: `gpu${i}`,
        start: 4 * i,
        count: 4,
      })),
      { op: 'dev_read', device: 'gpu3', start: 12, count: 4 },
    ],
  });
  if (!parsed.ok) throw new Error(parsed.error);
  const gpu3Read = createTimeline(parsed.scenario)
    .summary()
    .actions.find((a) => a.i === 5)!;
  const gpu = (i: number) => page.locator(`[data-key="gpu-${i}"]`);
  const scrollTop = () => page.locator('.main').evaluate((m) => m.scrollTop);
  /** The scroll offset once a smooth scroll has ended. */
  const restingTop = async () => {
    for (let last = -1, now = await scrollTop(); ; last = now, now = await scrollTop()) {
      if (now === last) return now;
      await page.waitForTimeout(150);
    }
  };
  // The step before: gpu2 reads its pages back, and the lab opens showing gpu2.
  await openLab(page, encodeLink(parsed.scenario, gpu3Read.first - 1));
  await expect(gpu(2)).toBeInViewport({ ratio: 0.98 });
  await expect(gpu(3)).not.toBeInViewport({ ratio: 0.5 });

  await page.keyboard.press('ArrowRight');
  await expect(page.locator('.narration')).toContainText('gpu3');
  await expect(gpu(3)).toBeInViewport({ ratio: 0.98 });
  // The process and host RAM stay beside it.
  await expect(page.getByTestId('page-1-12')).toBeInViewport();
  await expect(page.locator('.host-panel')).toBeInViewport();

  // The rest of gpu3's read happens where the view already is: it holds still until gpu3's
  // device page table fills (dmirror_do_fault) and the panel grows, then it follows just that.
  const tops = [await restingTop()];
  for (let i = gpu3Read.first + 1; i <= gpu3Read.last; i++) {
    await forward(page);
    tops.push(await restingTop());
    await expect(gpu(3)).toBeInViewport({ ratio: 0.98 });
  }
  expect(tops.slice(0, 3)).toEqual([tops[0], tops[0], tops[0]]);
  expect(tops.at(-1)! - tops[0]).toBeLessThan(80);

  // Home jumps to gpu0 registering its memory: the view goes back up to gpu0.
  await page.keyboard.press('Home');
  await expect(page.getByTestId('step-index')).toHaveText('0');
  await expect(gpu(0)).toBeInViewport({ ratio: 0.98 });
  expect(errors).toEqual([]);
});

test('usable at 768 px: no sideways scrolling, narration next to the picture', async ({ page }) => {
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 768, height: 1024 });
  await openLab(page, '#preset/cpu-touch&step=46');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
  await expect(page.getByTestId('step-fn')).toBeInViewport();
  await expect(page.getByTestId('page-1-3')).toBeInViewport();
  await expect(page.getByTestId('step-forward')).toBeInViewport();
  expect(errors).toEqual([]);
});
