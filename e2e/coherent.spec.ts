// Device-coherent memory in the lab: a page cell names the device whose frame the CPU maps,
// exactly as the CLI's pages[] does (scenario-format.md test ids, hmm-model-v2.md flow L).
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { num, watchErrors, watchTokenLayer } from './lab.helpers.ts';
import { seriousFindings } from './axe.helpers.ts';
import {
  cli,
  expectBanner,
  importText,
  openReady,
  runIdentity,
  writeTemp,
} from './scenarios.helpers.ts';

test.beforeEach(() => test.setTimeout(90_000));

const COHERENT = {
  format: 'hmm-lab/scenario@2',
  title: 'Coherent pages stay present',
  config: { hostFrames: 16, devices: [{ name: 'gpu0', frames: 8, memory: 'coherent' }] },
  actions: [
    { op: 'mmap', start: 0, count: 4, prot: 'rw' },
    { op: 'cpu_write', start: 0, count: 4, values: [10, 11, 12, 13] },
    { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 4 },
    { op: 'cpu_read', start: 2 },
  ],
};

interface CliPage {
  pid: number;
  page: number;
  cpu: string;
  location: string;
}

test('a coherent page cell says present in gpu0 memory, as the CLI does', async ({ page }) => {
  const errors = watchErrors(page);
  const file = writeTemp('coherent.json', JSON.stringify(COHERENT));
  const run = JSON.parse(cli('run', file, '--json')) as { pages: CliPage[]; waypoints: number };
  const last = run.waypoints - 1;
  expect(run.pages.map((p) => p.location)).toEqual(['gpu0', 'gpu0', 'gpu0', 'gpu0']);

  // Before migrate_to_device (step 16 is its first waypoint) the page is in a host frame.
  await openReady(page, cli('link', file, '--step', '16'));
  await expect(page.getByTestId('step-index')).toHaveText('16');
  const cell = page.getByTestId('page-1-2');
  await expect(cell).toHaveAttribute('data-cpu', 'present');
  await expect(cell).toHaveAttribute('data-location', 'host');

  // Stepping on to the end: migrate_to_device has run and the CPU read needed no fault.
  await page.keyboard.press('End');
  await expect(page.getByTestId('step-index')).toHaveText(String(last));
  for (const p of run.pages) {
    const c = page.getByTestId(`page-${p.pid}-${p.page}`);
    await expect(c).toHaveAttribute('data-cpu', p.cpu);
    await expect(c).toHaveAttribute('data-location', p.location);
  }
  expect(errors).toEqual([]);
});

test('coherent memory reads as coherent: legend, link, panel; a CPU load flies straight to the device frame with no fault', async ({
  page,
}) => {
  const errors = watchErrors(page);
  const file = writeTemp('coherent.json', JSON.stringify(COHERENT));
  const run = JSON.parse(cli('run', file, '--json')) as { waypoints: number };
  const last = run.waypoints - 1;
  // The step before the load: migrate_to_device is done.
  await openReady(page, cli('link', file, '--step', String(last - 1)));
  await expect(page.getByTestId('legend-coherent')).toBeVisible();
  await expect(page.locator('.bus[data-bus="coherent"]')).toContainText('coherent link');
  const gpu = page.getByRole('region', { name: 'gpu0' });
  await expect(gpu).toContainText('device-coherent (MEMORY_DEVICE_COHERENT)');
  await expect(page.getByTestId('page-1-2')).toContainText('d2 rw');
  const faults = await num(page, 'counter-cpuFaults');

  const layer = await watchTokenLayer(page, 'flying');
  await page.getByTestId('step-forward').click();
  await expect(page.getByTestId('step-index')).toHaveText(String(last));
  await expect(page.getByTestId('step-fn')).toHaveText('cpu_read');
  await expect.poll(layer.said).toEqual(['load p2']);
  // No fault: the counter stays, no cell flashes a fault, the page stays present in gpu0.
  expect(await num(page, 'counter-cpuFaults')).toBe(faults);
  await expect(page.locator('.cell.fault')).toHaveCount(0);
  await expect(page.getByTestId('page-1-2')).toHaveAttribute('data-location', 'gpu0');
  // The page and the device frame it reached are ringed (what reduced motion still shows).
  await expect(page.locator('[data-key="page-1-2"].changed')).toHaveCount(1);
  await expect(page.locator('[data-key="dev-0-2"].changed')).toHaveCount(1);
  await page.screenshot({ path: 'test-results/coherent-load.png' });
  expect(errors).toEqual([]);
});

test('with reduced motion a coherent load still shows where it went, without moving', async ({
  page,
}) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const file = writeTemp('coherent.json', JSON.stringify(COHERENT));
  const run = JSON.parse(cli('run', file, '--json')) as { waypoints: number };
  await openReady(page, cli('link', file, '--step', String(run.waypoints - 2)));
  const layer = await watchTokenLayer(page, 'flying');
  await page.getByTestId('step-forward').click();
  await expect(page.getByTestId('step-fn')).toHaveText('cpu_read');
  await expect(page.locator('[data-key="dev-0-2"].changed')).toHaveCount(1);
  await expect(page.getByLabel('Narration')).toContainText('straight across the coherent bus');
  expect(await layer.said()).toEqual([]);
});

test('pin from the toolbar and the context menu: badge, refcount with GUP_PIN_COUNTING_BIAS, unpin', async ({
  page,
}) => {
  const errors = watchErrors(page);
  const file = writeTemp('coherent.json', JSON.stringify(COHERENT));
  await openReady(page, cli('link', file));
  await page.keyboard.press('End');
  // A short-term pin from the toolbar on page 0: it stays in gpu0 frame 0, pinned once.
  await page.getByTestId('page-1-0').click();
  await page.getByRole('toolbar').getByRole('button', { name: 'pin short-term' }).click();
  const frame0 = page.locator('[data-key="dev-0-0"]');
  await expect(frame0.locator('.c-pin')).toHaveText('pin 1', { timeout: 15_000 });
  await expect(page.getByTestId('legend-pin')).toBeVisible();
  await expect(page).toHaveURL(/#v2\./);
  // The inspector reads the refcount as the kernel's folio would: 1 pin × 1024 + 1 mapping.
  await frame0.click();
  const insp = page.locator('.inspector');
  await expect(insp).toContainText('1025 = 1 pin × 1024 + 1');
  await expect(insp).toContainText('GUP_PIN_COUNTING_BIAS');
  await expect(insp).toContainText('MEMORY_DEVICE_COHERENT');
  await page.screenshot({ path: 'test-results/coherent-pinned.png' });

  // A long-term pin from the context menu on page 1 moves it home first, then pins it there.
  await page.getByTestId('page-1-1').click();
  await page.getByTestId('page-1-1').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'pin long-term' }).click();
  await expect(page.getByTestId('page-1-1')).toHaveAttribute('data-location', 'host', {
    timeout: 15_000,
  });
  await page.keyboard.press('End');
  await expect(page.locator('.frame .c-pin')).toHaveCount(1);

  // Unpin page 0 from the context menu: the badge goes.
  await page.getByTestId('page-1-0').click();
  await page.getByTestId('page-1-0').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'unpin (handle 1)' }).click();
  await expect(frame0.locator('.c-pin')).toHaveCount(0, { timeout: 15_000 });
  expect(errors).toEqual([]);
});

const PINNED_MIGRATION = {
  format: 'hmm-lab/scenario@2',
  config: { hostFrames: 16, devices: [{ name: 'gpu0', frames: 8 }] },
  actions: [
    { op: 'mmap', start: 0, count: 4, prot: 'rw' },
    { op: 'cpu_write', start: 0, count: 4, values: [1, 2, 3, 4] },
    { op: 'pin', start: 1 },
    { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 4 },
  ],
};

test('a migration that skips a pinned page says so at that page', async ({ page }) => {
  const errors = watchErrors(page);
  const file = writeTemp('pinned.json', JSON.stringify(PINNED_MIGRATION));
  await openReady(page, cli('link', file));
  await page.keyboard.press('End');
  // Back to the migration's walk, then on to the waypoint that refuses the pinned page.
  for (let i = 0; i < 40; i++) {
    if ((await page.getByTestId('step-fn').textContent()) === 'folio_try_share_anon_rmap_pte')
      break;
    await page.keyboard.press('ArrowLeft');
  }
  await expect(page.getByTestId('step-fn')).toHaveText('folio_try_share_anon_rmap_pte');
  await expect(page.getByTestId('pin-skip-1-1')).toHaveText('pinned: stays');
  await expect(page.getByLabel('Narration')).toContainText('Page 1 is pinned');
  await page.screenshot({ path: 'test-results/coherent-pin-skip.png' });
  expect(errors).toEqual([]);
});

test('the editor makes a device coherent: the scenario becomes @2 and links as #v2.', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openReady(page, '#preset/cpu-touch');
  await page.getByTestId('open-editor').click();
  const editor = page.getByTestId('editor');
  await editor.getByTestId('ed-device-0').getByLabel('memory').selectOption('coherent');
  await editor.getByTestId('ed-apply').click();
  await expect(editor).toHaveCount(0);
  await expect(page).toHaveURL(/#v2\./, { timeout: 15_000 });
  await expect(page.getByRole('region', { name: 'gpu0' })).toContainText(
    'device-coherent (MEMORY_DEVICE_COHERENT)',
  );
  await page.keyboard.press('End');
  // The lesson's CPU read no longer faults the page home: it stays present in gpu0 memory.
  await expect(page.getByTestId('page-1-3')).toHaveAttribute('data-location', 'gpu0');
  await expect(page.getByTestId('page-1-3')).toHaveAttribute('data-cpu', 'present');
  expect(errors).toEqual([]);
});

test('a pin from the toolbar makes a @1 lesson @2: the link becomes #v2. and reopens the same run', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openReady(page, '#preset/cpu-touch');
  await expect(page).toHaveURL(/#preset\/cpu-touch/);
  await page.keyboard.press('End');
  await page.getByTestId('page-1-3').click();
  await page.getByRole('toolbar').getByRole('button', { name: 'pin long-term' }).click();
  await expect(page.locator('.frame .c-pin')).toHaveCount(1, {
    timeout: 15_000,
  });
  await expect(page).toHaveURL(/#v2\./);
  const count = await page.getByTestId('step-count').textContent();
  const link = new URL(page.url()).hash;
  await page.goto('/');
  await openReady(page, link);
  await expect(page.getByTestId('step-count')).toHaveText(count!);
  await page.keyboard.press('End');
  await expect(page.locator('.frame .c-pin')).toHaveText('pin 1');
  expect(errors).toEqual([]);
});

test.describe('axe on the coherent views', () => {
  test.use({ bypassCSP: true });
  for (const scheme of ['light', 'dark'] as const)
    test(`coherent device, pins and a pin skip have no serious axe findings (${scheme})`, async ({
      page,
    }) => {
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      const file = writeTemp('coherent.json', JSON.stringify(COHERENT));
      await openReady(page, cli('link', file));
      await page.keyboard.press('End');
      await page.getByTestId('page-1-0').click();
      await page.getByRole('toolbar').getByRole('button', { name: 'pin short-term' }).click();
      await expect(page.locator('[data-key="dev-0-0"] .c-pin')).toHaveText('pin 1', {
        timeout: 15_000,
      });
      await page.locator('[data-key="dev-0-0"]').click();
      expect(await seriousFindings(page), 'coherent, pinned, inspector').toEqual([]);
      await page.screenshot({ path: `test-results/coherent-axe-${scheme}.png` });

      const pinned = writeTemp('pinned.json', JSON.stringify(PINNED_MIGRATION));
      const trace = JSON.parse(cli('run', pinned, '--json', '--trace')) as {
        trace: { seq: number; fn: string }[];
      };
      const skip = trace.trace.find((w) => w.fn === 'folio_try_share_anon_rmap_pte')!.seq;
      await openReady(page, cli('link', pinned, '--step', String(skip)));
      await expect(page.getByTestId('pin-skip-1-1')).toBeVisible();
      expect(await seriousFindings(page), 'a pin skip').toEqual([]);
    });
});

test("a peer GPU's entry for a coherent page names the device whose frame it maps in place", async ({
  page,
}) => {
  const errors = watchErrors(page);
  const peer = {
    ...COHERENT,
    config: { hostFrames: 16, devices: [...COHERENT.config.devices, { name: 'gpu1', frames: 8 }] },
    actions: [...COHERENT.actions, { op: 'dev_read', device: 'gpu1', start: 0, count: 2 }],
  };
  const file = writeTemp('peer.json', JSON.stringify(peer));
  const run = JSON.parse(cli('run', file, '--json')) as {
    devices: { name: string; pageTable: { page: number; target: string; frame: number }[] }[];
  };
  expect(run.devices[1].pageTable.map((e) => [e.target, e.frame])).toEqual([
    ['gpu0', 0],
    ['gpu0', 1],
  ]);
  await openReady(page, cli('link', file));
  await page.keyboard.press('End');
  await expect(page.getByTestId('dpte-gpu1-1-0')).toContainText('gpu0.d0');
  await expect(page.getByTestId('dpte-gpu0-1-0')).toContainText('d0');
  await expect(page.getByTestId('dpte-gpu0-1-0')).not.toContainText('gpu0.');
  expect(errors).toEqual([]);
});

test('page cells say pinned exactly where the CLI does (pages[].pinned)', async ({ page }) => {
  const errors = watchErrors(page);
  const file = writeTemp(
    'peer-pin.json',
    readFileSync('src/cli/fixtures/coherent-peer-pin.json', 'utf8'),
  );
  const run = JSON.parse(cli('run', file, '--json')) as {
    pages: { pid: number; page: number; pinned: boolean }[];
  };
  expect(run.pages.some((p) => p.pinned)).toBe(true);
  await openReady(page, cli('link', file));
  await page.keyboard.press('End');
  for (const p of run.pages)
    await expect(page.getByTestId(`page-${p.pid}-${p.page}`)).toHaveAttribute(
      'data-pinned',
      String(p.pinned),
    );
  await expect(page.getByTestId('page-1-2').locator('.c-pin')).toHaveText('pin 1');
  // The last action unpins handle 1 a second time: the kernel's answer, explained as unpin's.
  await expect(
    page.getByText('pin handle was never returned, or is already released'),
  ).toBeVisible();
  await page.screenshot({ path: 'test-results/coherent-page-pins.png' });
  expect(errors).toEqual([]);
});

test('a @2 file imports and runs (link #v2.); a bad @2 field is named and nothing is lost', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openReady(page, '#preset/cpu-touch&step=3');
  const loaded = await runIdentity(page);
  const bad = {
    ...COHERENT,
    config: { hostFrames: 16, devices: [{ name: 'gpu0', memory: 'weird' }] },
  };
  await importText(page, 'bad.json', JSON.stringify(bad));
  await expectBanner(page, /"bad\.json": config\.devices\[0\]\.memory/);
  expect(await runIdentity(page)).toEqual(loaded);

  await importText(page, 'coherent.json', JSON.stringify(COHERENT));
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
  const file = writeTemp('coherent.json', JSON.stringify(COHERENT));
  const { traceHash } = JSON.parse(cli('run', file, '--json')) as { traceHash: string };
  await expect(page.getByTestId('trace-hash')).toHaveText(traceHash);
  await expect(page).toHaveURL(/#v2\./);
  await expect(page.getByRole('region', { name: 'gpu0' })).toContainText(
    'device-coherent (MEMORY_DEVICE_COHERENT)',
  );
  expect(errors).toEqual([]);
});

test('a pinned frame is marked in the dense grid too (300 coherent frames on canvas)', async ({
  page,
}) => {
  const errors = watchErrors(page);
  const dense = {
    format: 'hmm-lab/scenario@2',
    title: 'Dense pins',
    config: { hostFrames: 300, devices: [{ name: 'gpu0', frames: 300, memory: 'coherent' }] },
    actions: [
      { op: 'mmap', start: 0, count: 300, prot: 'rw' },
      { op: 'cpu_write', start: 0, count: 300, value: 7 },
      { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 300 },
      { op: 'pin', start: 0, count: 4, longterm: false },
    ],
  };
  const grid = page.getByRole('region', { name: 'gpu0' }).locator('canvas[data-grid]');
  /** Pixels of the canvas in the theme's ink colour: what the pin corners are drawn in. */
  const inkPixels = () =>
    grid.evaluate((c: HTMLCanvasElement) => {
      const probe = document.createElement('canvas').getContext('2d')!;
      probe.fillStyle = getComputedStyle(c).getPropertyValue('--ink').trim();
      probe.fillRect(0, 0, 1, 1);
      const [r, g, b] = probe.getImageData(0, 0, 1, 1).data;
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4)
        if (d[i] === r && d[i + 1] === g && d[i + 2] === b && d[i + 3] === 255) n++;
      return n;
    });
  // The same run without the pin, then with it, each at its end: only the pin corners differ.
  const atEnd = async (actions: unknown[]) => {
    await openReady(
      page,
      cli('link', writeTemp('dense.json', JSON.stringify({ ...dense, actions }))),
    );
    await page.keyboard.press('End');
    const count = await num(page, 'step-count');
    await expect(page.getByTestId('step-index')).toHaveText(String(count - 1));
    await expect(grid).toBeVisible();
  };
  await atEnd(dense.actions.slice(0, 3));
  const unpinned = await inkPixels();
  await atEnd(dense.actions);
  await expect.poll(inkPixels).toBeGreaterThan(unpinned);
  // The first frame's hover label says so as well.
  await grid.hover({ position: { x: 3, y: 3 } });
  await expect(grid).toHaveAttribute('title', /pinned/);
  await page.screenshot({ path: 'test-results/coherent-dense-pins.png' });
  expect(errors).toEqual([]);
});
