// Scenarios and sharing as a person uses them: links from the CLI, every lesson, bad links and
// imports, hostile titles, the share dialog, export, undo/redo, embed mode, session restore and
// a worker that hangs or dies.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { encodeLink } from '../src/scenario/link.ts';
import { PRESETS } from '../src/scenario/presets/index.ts';
import type { Scenario } from '../src/scenario/types.ts';
import { forward, num, watchErrors } from './lab.helpers.ts';
import {
  cli,
  EXAMPLE,
  expectBanner,
  importText,
  openReady,
  runIdentity,
  traceHash,
  writeTemp,
} from './scenarios.helpers.ts';

// A busy machine (other builds, benches) makes page loads slow; these walk several pages.
test.beforeEach(() => test.setTimeout(90_000));

test('a link made by the CLI opens at its step with the CLI traceHash', async ({ page }) => {
  const errors = watchErrors(page);
  const file = writeTemp('example.json', JSON.stringify(EXAMPLE));
  const hash = cli('link', file, '--step', '7');
  expect(hash).toMatch(/^#v1\..+&step=7&h=[0-9a-f]{8}&ha=[A-Za-z0-9_-]+$/);
  const { traceHash } = JSON.parse(cli('run', file, '--json')) as { traceHash: string };
  await openReady(page, hash);
  await expect(page.getByTestId('step-index')).toHaveText('7');
  await expect(page.getByTestId('trace-hash')).toHaveText(traceHash);
  expect(errors).toEqual([]);
});

test('every lesson loads from the picker or its link and steps to the end cleanly', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  await openReady(page);
  for (const [i, p] of PRESETS.entries()) {
    const before = await traceHash(page);
    if (i % 2 === 0) await page.getByLabel('Lesson').selectOption(p.id);
    else await page.evaluate((id) => (location.hash = `#preset/${id}`), p.id);
    if (i > 0) await expect(page.getByTestId('trace-hash')).not.toHaveText(before);
    await expect(page.getByTestId('step-index')).toHaveText('0');
    const count = await num(page, 'step-count');
    await page.keyboard.press('End');
    await expect(page.getByTestId('step-index')).toHaveText(String(count - 1));
    // @1 lessons are checked against hmm-model.md's five, @2 ones against v2's eight.
    const invariants = p.scenario.format === 'hmm-lab/scenario@2' ? 8 : 5;
    await expect(page.locator('.invariants li.holds')).toHaveCount(invariants);
    await expect(page.getByTestId('error-banner')).toHaveCount(0);
  }
  expect(errors).toEqual([]);
});

const INVALID: Scenario = {
  ...(EXAMPLE as Scenario),
  actions: [{ op: 'cpu_read', start: 0, count: 0 }],
};

const BAD_LINKS: [string, string, RegExp][] = [
  ['garbage', '#this-is-not-a-link', /not an HMM Lab link/],
  ['truncated', encodeLink(EXAMPLE as Scenario, 3).slice(0, 40), /damaged|cut off/],
  ['unknown version', '#v9.x', /version v9 is not supported/],
  ['oversized', '#v1.' + 'A'.repeat(17_000), /too long/],
  ['invalid scenario', encodeLink(INVALID), /actions\[0\]\.count: must be ≥ 1/],
  ['unknown lesson', '#preset/nope', /no known lesson/],
];

test('bad links are explained and keep what was loaded', async ({ page }) => {
  const errors = watchErrors(page);
  await openReady(page, '#preset/first-migration&step=4');
  const loaded = await runIdentity(page);
  for (const [what, hash, why] of BAD_LINKS) {
    await test.step(what, async () => {
      await page.evaluate((h) => (location.hash = h), hash);
      await expectBanner(page, why);
      expect(await runIdentity(page)).toEqual(loaded);
      await expect(page.getByTestId('step-index')).toHaveText('4');
      await page.getByTestId('error-banner').getByRole('button', { name: 'Dismiss' }).click();
    });
  }
  expect(errors).toEqual([]);
});

test('a bad link at startup is explained and a lesson opens instead', async ({ page }) => {
  for (const [, hash, why] of BAD_LINKS.slice(2, 4)) {
    await openReady(page, hash);
    await expectBanner(page, why);
    await expect(page.getByTestId('trace-hash')).toHaveText(/^[0-9a-f]{64}$/);
    await page.goto('about:blank');
  }
});

test('bad imports are explained and change nothing; a good one loads', async ({ page }) => {
  const errors = watchErrors(page);
  await openReady(page, '#preset/cpu-touch&step=3');
  const loaded = await runIdentity(page);
  await importText(page, 'broken.json', '{ "format": "hmm-lab/scenario@1", "actions": [ }');
  await expectBanner(page, /"broken\.json".*invalid JSON at line 1, column 48: unexpected "\}"/);
  expect(await runIdentity(page)).toEqual(loaded);

  await importText(page, 'bad.json', JSON.stringify(INVALID));
  await expectBanner(page, /"bad\.json": actions\[0\]\.count: must be ≥ 1/);
  const undeclared = { ...EXAMPLE, actions: [{ op: 'release', device: 'gpu9' }] };
  await importText(page, 'dev.json', JSON.stringify(undeclared));
  await expectBanner(page, /actions\[0\]\.device: "gpu9" is not declared in config\.devices/);
  expect(await runIdentity(page)).toEqual(loaded);

  await importText(page, 'example.json', JSON.stringify(EXAMPLE));
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
  const file = writeTemp('example.json', JSON.stringify(EXAMPLE));
  const { traceHash } = JSON.parse(cli('run', file, '--json')) as { traceHash: string };
  await expect(page.getByTestId('trace-hash')).toHaveText(traceHash);
  expect(errors).toEqual([]);
});

test('a scenario dropped on the page opens', async ({ page }) => {
  await openReady(page, '#preset/cpu-touch');
  const json = JSON.stringify({ ...EXAMPLE, title: 'Dropped here' });
  await page.evaluate((body) => {
    const dt = new DataTransfer();
    dt.items.add(new File([body], 'dropped.json', { type: 'application/json' }));
    for (const type of ['dragenter', 'dragover', 'drop'])
      document.body.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true }));
  }, json);
  await expect(page.getByLabel('Lesson')).toContainText('Dropped here');
});

test('export downloads hmm-lab-<slug>.json with the scenario and its hand-made actions', async ({
  page,
}) => {
  await openReady(page, '#preset/cpu-touch');
  await page.keyboard.press('End');
  await page.getByLabel('Speed').selectOption('4');
  const count = await num(page, 'step-count');
  await page.getByTestId('page-1-3').click();
  await page.getByRole('group', { name: 'CPU' }).getByRole('button', { name: 'read' }).click();
  await expect.poll(() => num(page, 'step-count')).toBeGreaterThan(count);
  const download = page.waitForEvent('download');
  await page.getByTestId('export').click();
  const file = await download;
  const preset = PRESETS.find((p) => p.id === 'cpu-touch')!;
  expect(file.suggestedFilename()).toMatch(/^hmm-lab-[a-z0-9-]+\.json$/);
  const body = JSON.parse(await readDownload(await file.createReadStream()));
  expect(body.format).toBe('hmm-lab/scenario@1');
  expect(body.actions).toHaveLength(preset.scenario.actions.length + 1);
  expect(body.actions.at(-1)).toMatchObject({ op: 'cpu_read', start: 3 });
});

async function readDownload(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

const HOSTILE = ['<img src=x onerror=window.__pwned=1>', '<script>window.__pwned=1</script>'];

test('a hostile title or description renders as text and runs nothing', async ({ page }) => {
  await openReady(page, '#preset/cpu-touch');
  // A title the page parsed as HTML would leave no text node that spells it out (the markup
  // becomes elements), so each place that shows it must hold it as one literal text node.
  // (A window.__pwned check cannot fail here: the CSP blocks inline handlers and scripts.)
  const asText = (title: string) =>
    page.evaluate((t) => {
      const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      let n = 0;
      for (let node = walk.nextNode(); node; node = walk.nextNode())
        if (node.textContent?.includes(t)) n++;
      return n;
    }, title);
  for (const title of HOSTILE) {
    const s = { ...EXAMPLE, title, description: title };
    await importText(page, 'hostile.json', JSON.stringify(s));
    await expect(page.getByLabel('Lesson')).toContainText(title);
    await page.getByTestId('share').click();
    await expect(page.getByTestId('share-dialog')).toContainText(title);
    expect(await asText(title)).toBeGreaterThanOrEqual(2);
    await page.keyboard.press('Escape');
    await page.evaluate((h) => (location.hash = h), encodeLink(s as Scenario, 2));
    await expect(page.getByTestId('step-index')).toHaveText('2');
    expect(await asText(title)).toBeGreaterThanOrEqual(1);
  }
  // Nor did any of it become an element anywhere in the document.
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(
    await page.evaluate(() =>
      [...document.querySelectorAll('script')].filter((s) => s.textContent?.includes('__pwned')),
    ),
  ).toHaveLength(0);
});

test('undo and redo a hand-triggered action, by keys and by buttons', async ({ page }) => {
  const errors = watchErrors(page);
  await openReady(page, '#preset/cpu-touch');
  await page.keyboard.press('End');
  await page.getByLabel('Speed').selectOption('4');
  const before = await runIdentity(page);
  await expect(page.getByTestId('undo')).toBeDisabled();
  await page.getByTestId('page-1-3').click();
  await page.getByRole('group', { name: 'Device' }).getByRole('button', { name: 'read' }).click();
  await expect.poll(() => num(page, 'step-count')).toBeGreaterThan(Number(before.count));
  const after = await runIdentity(page);
  await page.keyboard.press('Control+z');
  await expect.poll(() => runIdentity(page)).toEqual(before);
  await expect(page.getByLabel('Lesson')).toHaveValue('cpu-touch');
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(() => runIdentity(page)).toEqual(after);
  await page.getByTestId('undo').click();
  await expect.poll(() => runIdentity(page)).toEqual(before);
  await page.keyboard.press('Control+y');
  await expect.poll(() => runIdentity(page)).toEqual(after);
  await page.getByTestId('undo').click();
  await page.getByTestId('redo').click();
  await expect.poll(() => runIdentity(page)).toEqual(after);
  expect(errors).toEqual([]);
});

test('embed mode shows the picture, narration and transport only', async ({ page }) => {
  const errors = watchErrors(page);
  await openReady(page, '#preset/cpu-touch&step=5&embed=1');
  await expect(page.getByTestId('step-index')).toHaveText('5');
  for (const chrome of ['.header', '[role="toolbar"]', '.side-tabs'])
    await expect(page.locator(chrome)).toHaveCount(0);
  await expect(page.getByTestId('share')).toHaveCount(0);
  await expect(page.getByLabel('Narration')).toBeVisible();
  await expect(page.getByTestId('page-1-0')).toBeVisible();
  await forward(page);
  await expect
    .poll(() => page.evaluate(() => location.hash))
    .toMatch(/^#preset\/cpu-touch&step=6&h=[0-9a-f]{8}&ha=[A-Za-z0-9_-]+&embed=1$/);
  await expect(page.getByRole('link', { name: /Open in HMM Lab/ })).toHaveAttribute(
    'href',
    /#preset\/cpu-touch&step=\d+(&h=[0-9a-f]{8}&ha=[A-Za-z0-9_-]+)?$/,
  );
  expect(errors).toEqual([]);
});

test('the last session is offered back after a reload, unless a link is opened', async ({
  page,
}) => {
  await openReady(page, '#preset/cpu-touch');
  await page.keyboard.press('End');
  await page.getByLabel('Speed').selectOption('4');
  await page.getByTestId('page-1-2').click();
  await page.getByRole('group', { name: 'CPU' }).getByRole('button', { name: 'write' }).click();
  const count0 = await num(page, 'step-count');
  await expect.poll(() => num(page, 'step-index'), { timeout: 20_000 }).toBe(count0 - 1);
  await page.keyboard.press('Home');
  await expect(page.getByTestId('step-index')).toHaveText('0');
  await forward(page);
  await forward(page);
  const work = await runIdentity(page);
  await page.waitForTimeout(700); // the autosave is debounced
  await page.goto('about:blank');
  await openReady(page);
  await expect(page.getByTestId('restore-offer')).toContainText('Restore your last session?');
  await page.getByTestId('restore-offer').getByRole('button', { name: 'Restore' }).click();
  await expect.poll(() => runIdentity(page)).toEqual(work);
  await expect(page.getByTestId('step-index')).toHaveText('2');
  await expect(page.getByTestId('restore-offer')).toHaveCount(0);

  await page.goto('about:blank');
  await openReady(page, '#preset/first-migration');
  await page.waitForTimeout(500);
  await expect(page.getByTestId('restore-offer')).toHaveCount(0);
});

test('a worker that hangs or dies is restarted and the run rebuilt', async ({ page }) => {
  test.setTimeout(60_000);
  await openReady(page, '#preset/cpu-touch&step=10');
  const loaded = await runIdentity(page);
  const [worker] = page.workers();
  // Busy-loop inside the worker: the next request gets no answer.
  await worker.evaluate(() => {
    setTimeout(() => {
      const t = Date.now();
      while (Date.now() - t < 60_000);
    }, 0);
  });
  await page.getByTestId('step-forward').click();
  await expect(page.getByTestId('worker-notice')).toContainText('stopped responding', {
    timeout: 10_000,
  });
  await expect(page.getByTestId('worker-notice')).toContainText('rebuilt at step 10');
  expect(await runIdentity(page)).toEqual(loaded);
  await forward(page);
  await expect(page.getByTestId('bug-panel')).toHaveCount(0);

  // An uncaught error kills the worker outright.
  await page.getByTestId('worker-notice').getByRole('button', { name: 'Dismiss' }).click();
  const second = page.workers().at(-1)!;
  await second.evaluate(() => {
    setTimeout(() => {
      throw new Error('boom');
    }, 0);
  });
  await expect(page.getByTestId('worker-notice')).toContainText('crashed', { timeout: 10_000 });
  await expect(page.getByTestId('worker-notice')).toContainText('rebuilt at step 11');
  await forward(page);
});

test('the editor adds an action with inline validation, applies it, and undo takes it back', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openReady(page, '#preset/cpu-touch');
  const before = await runIdentity(page);
  await page.getByTestId('open-editor').click();
  const editor = page.getByTestId('editor');
  await expect(editor).toBeVisible();
  const rows = editor.locator('.ed-action');
  const n = await rows.count();
  await editor.getByLabel("new action's op").selectOption('dev_read');
  await editor.getByTestId('ed-add-action').click();
  await expect(rows).toHaveCount(n + 1);
  const row = editor.getByTestId(`ed-action-${n}`);
  await row.getByLabel('start').fill('3');
  await row.getByLabel('count').fill('0');
  await expect(row.getByRole('alert')).toHaveText('count: must be ≥ 1');
  await expect(editor.getByTestId('ed-status')).toContainText(`actions[${n}].count: must be ≥ 1`);
  await expect(editor.getByTestId('ed-apply')).toBeDisabled();
  await row.getByLabel('count').fill('2');
  await expect(editor.getByTestId('ed-status')).toContainText('✓ Valid');
  await editor.getByTestId('ed-apply').click();
  await expect(editor).toHaveCount(0);
  await expect.poll(() => num(page, 'step-count')).toBeGreaterThan(Number(before.count));
  await expect(page.getByLabel('Lesson')).toHaveValue('');
  await page.getByTestId('undo').click();
  await expect.poll(() => runIdentity(page)).toEqual(before);

  // Closing the editor keeps unapplied edits for next time.
  await page.getByTestId('open-editor').click();
  await editor.getByTestId('ed-title').fill('Kept while closed');
  await page.keyboard.press('Escape');
  await expect(editor).toHaveCount(0);
  await page.getByTestId('open-editor').click();
  await expect(editor.getByTestId('ed-title')).toHaveValue('Kept while closed');
  await expect(editor).toContainText('Your unapplied edits are back');
  expect(errors).toEqual([]);
});

test('the editor JSON tab names the problem by path and line and never applies it', async ({
  page,
}) => {
  await openReady(page, '#preset/cpu-touch');
  const before = await runIdentity(page);
  await page.getByTestId('open-editor').click();
  const editor = page.getByTestId('editor');
  await editor.getByRole('tab', { name: 'JSON' }).click();
  const json = editor.getByTestId('ed-json');
  const text = await json.inputValue();
  await json.fill(text.replace('"hostFrames": 32', '"hostFrames": 0'));
  await expect(editor.getByRole('alert')).toContainText(
    /line \d+: config\.hostFrames: must be ≥ 1/,
  );
  await expect(editor.getByTestId('ed-apply')).toBeDisabled();
  await json.fill(text.slice(0, 100));
  await expect(editor.getByRole('alert')).toContainText('invalid JSON');
  await json.fill(text.replace('"hostFrames": 32', '"hostFrames": 128'));
  await expect(editor.getByTestId('ed-status')).toContainText('✓ Valid');
  await editor.getByRole('tab', { name: 'Form' }).click();
  await expect(editor.getByLabel('host frames')).toHaveValue('128');
  await editor.getByRole('button', { name: 'Revert' }).click();
  await editor.getByRole('button', { name: 'Close', exact: true }).click();
  expect(await runIdentity(page)).toEqual(before);
});

test('dialogs in light and dark (screenshots for review)', async ({ page }, info) => {
  // Each screenshot is taken only once what it is meant to show is on screen and checked.
  const background: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await openReady(page, '#preset/two-gpus&step=12');
    await expect(page.getByTestId('step-index')).toHaveText('12');
    background.push(await page.evaluate(() => getComputedStyle(document.body).backgroundColor));
    await page.getByTestId('share').click();
    const share = page.getByTestId('share-dialog');
    await expect(share).toBeVisible();
    await expect(share).toContainText('Share this scenario');
    await expect(page.getByTestId('share-link-step')).toHaveValue(
      /&step=12&h=[0-9a-f]{8}&ha=[A-Za-z0-9_-]+$/,
    );
    await page.screenshot({ path: info.outputPath(`share-${scheme}.png`) });
    await page.keyboard.press('Escape');
    await expect(share).toHaveCount(0);
    await page.getByTestId('open-editor').click();
    const row = page.getByTestId('ed-action-2');
    await row.getByLabel('count').fill('0');
    await expect(row.getByRole('alert').first()).toContainText(/≥ 1/);
    await page.screenshot({ path: info.outputPath(`editor-${scheme}.png`) });
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('editor')).toHaveCount(0);
    await page.evaluate((h) => (location.hash = h), '#v9.x');
    await expect(page.getByTestId('error-banner')).toContainText(
      'link version v9 is not supported',
    );
    await page.screenshot({ path: info.outputPath(`banner-${scheme}.png`) });
  }
  // The two sets are of two themes, not one twice.
  expect(background[0]).not.toBe(background[1]);
});

test('an engine exception shows a bug panel with the scenario; the last good state stays', async ({
  page,
}) => {
  await openReady(page, '#preset/cpu-touch');
  await page.keyboard.press('End');
  const before = await runIdentity(page);
  const last = Number(before.count) - 1;
  // Make the engine throw on the next waypoint it records: a stand-in for a real engine bug.
  // The trace interns each waypoint's fn name (a snake_case kernel function) and reads its
  // first character to do so; that read throws once.
  await page.workers()[0].evaluate(() => {
    const charCodeAt = String.prototype.charCodeAt;
    let armed = true;
    String.prototype.charCodeAt = function (this: string, index: number) {
      if (armed && /^[a-z]+(_[a-z0-9]+)+$/.test(String(this))) {
        armed = false;
        throw new Error('injected failure');
      }
      return charCodeAt.call(this, index);
    };
  });
  await page.getByTestId('page-1-3').click();
  await page.getByRole('group', { name: 'Device' }).getByRole('button', { name: 'read' }).click();
  const panel = page.getByTestId('bug-panel');
  await expect(panel).toContainText('The simulation hit a bug');
  await expect(panel).toContainText(/engine bug in action \d+ \(dev_read\): injected failure/);
  await panel.getByText('Report it').click();
  const report = JSON.parse((await panel.locator('textarea').inputValue()).split('scenario:\n')[1]);
  expect(report.actions.at(-1)).toMatchObject({ op: 'dev_read', start: 3 });
  await page.screenshot({ path: test.info().outputPath('bug-panel.png') });
  // The last good state is still loaded and usable.
  expect(await runIdentity(page)).toEqual(before);
  await page.getByTestId('step-back').click();
  await expect(page.getByTestId('step-index')).toHaveText(String(last - 1));
  await panel.getByRole('button', { name: 'Dismiss' }).click();
  await expect(panel).toHaveCount(0);
  await page.getByRole('group', { name: 'Device' }).getByRole('button', { name: 'read' }).click();
  await expect.poll(() => num(page, 'step-count')).toBeGreaterThan(last + 1);
});

/** A scenario whose link is about `actions` × 60 characters long: random values compress badly. */
function noisy(actions: number) {
  let x = 12345;
  const rnd = () => (x = (x * 1103515245 + 12345) % 2147483648);
  return {
    ...EXAMPLE,
    title: `Noisy ${actions}`,
    actions: [
      { op: 'mmap', start: 0, count: 16, prot: 'rw' },
      ...Array.from({ length: actions }, () => ({
        op: 'cpu_write',
        start: rnd() % 8,
        count: 8,
        values: Array.from({ length: 8 }, rnd),
      })),
    ],
  };
}

test('the share dialog copies links, warns about long ones, offers JSON for oversized', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await openReady(page, '#preset/cpu-touch&step=9');
  await page.getByTestId('share').click();
  const dialog = page.getByTestId('share-dialog');
  const atStep = dialog.getByTestId('share-link-step');
  // Each carries the run's digest (&h=…&ha=…), which the lab checks when the link opens.
  await expect(atStep).toHaveValue(/\/#preset\/cpu-touch&step=9&h=[0-9a-f]{8}&ha=[A-Za-z0-9_-]+$/);
  await expect(dialog.getByTestId('share-link-start')).toHaveValue(
    /\/#preset\/cpu-touch&h=[0-9a-f]{8}&ha=[A-Za-z0-9_-]+$/,
  );
  await expect(dialog.getByTestId('share-length')).toContainText('Short enough');
  await dialog.getByRole('button', { name: 'Copy' }).first().click();
  await expect(dialog.getByRole('button', { name: 'Copied ✓' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await atStep.inputValue());
  // Keys inside the dialog act on the dialog, not on the timeline behind it.
  await dialog.getByRole('button', { name: 'Copy' }).nth(1).focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowRight');
  await expect(dialog.getByRole('button', { name: 'Copied ✓' })).toHaveCount(2);
  await expect(page.getByTestId('step-index')).toHaveText('9');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).click();

  await importText(page, 'long.json', JSON.stringify(noisy(40)));
  await expect(page.getByLabel('Lesson')).toContainText('Noisy 40');
  await page.getByTestId('share').click();
  await expect(dialog.getByTestId('share-length')).toContainText('Over 2,000 characters');
  const link = await atStep.inputValue();
  expect(link).toMatch(/#v1\..+&step=\d+&h=[0-9a-f]{8}&ha=[A-Za-z0-9_-]+$/);
  await page.screenshot({ path: test.info().outputPath('share-long.png') });
  await page.keyboard.press('Escape');

  await importText(page, 'huge.json', JSON.stringify(noisy(400)));
  await expect(page.getByLabel('Lesson')).toContainText('Noisy 400');
  await page.getByTestId('share').click();
  await expect(dialog.getByTestId('share-length')).toContainText('Too long for a link');
  await expect(dialog.getByTestId('share-link-step')).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('share-too-long.png') });
  const download = page.waitForEvent('download');
  await dialog.getByTestId('share-download').click();
  expect((await download).suggestedFilename()).toBe('hmm-lab-noisy-400.json');
  // No link fits, so the address bar drops the previous one instead of keeping it stale.
  await expect.poll(() => page.evaluate(() => location.hash)).toBe('');
  await page.keyboard.press('Escape');

  await importText(page, 'many.json', JSON.stringify(noisy(1100)));
  await expect(page.getByLabel('Lesson')).toContainText('Noisy 1100');
  await page.getByTestId('share').click();
  await expect(dialog.getByTestId('share-length')).toContainText('Too many actions for a link');
  expect(errors).toEqual([]);
});

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

async function axeFindings(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    type Result = { violations: { id: string; impact: string | null; nodes: unknown[] }[] };
    const axe = (window as unknown as { axe: { run(o: object): Promise<Result> } }).axe;
    const r = await axe.run({ resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id} (${v.nodes.length})`);
  });
}

test.describe('dialogs are accessible', () => {
  test.use({ bypassCSP: true }); // only so that axe can be injected
  for (const scheme of ['light', 'dark'] as const) {
    test(`share dialog, editor with an error, notices (${scheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await openReady(page, '#preset/two-gpus&step=3');
      await page.getByTestId('share').click();
      await expect(page.getByTestId('share-link-step')).toHaveValue(/step=3/);
      expect(await axeFindings(page), 'share dialog').toEqual([]);
      await page.keyboard.press('Escape');
      await page.getByTestId('open-editor').click();
      await page.getByTestId('ed-action-1').getByLabel('start').fill('-1');
      await expect(page.getByTestId('ed-status')).toContainText('actions[1].start');
      expect(await axeFindings(page), 'editor form').toEqual([]);
      await page.getByRole('tab', { name: 'JSON' }).click();
      expect(await axeFindings(page), 'editor JSON').toEqual([]);
      await page.keyboard.press('Escape');
      await page.evaluate(() => (location.hash = '#v9.x'));
      await expect(page.getByTestId('error-banner')).toBeVisible();
      expect(await axeFindings(page), 'banner').toEqual([]);
    });
  }
});
