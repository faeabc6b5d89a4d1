// Issue 22, host it anywhere: the built dist/ copied into a nested folder (and the root) of a
// plain static web server that sets no headers — no cross-origin isolation, no CSP header —
// is the same lab: links open, stepping works, the share dialog and the embed snippet point at
// the lab's own folder, the embed snippet works in a course page, and the worker restarts.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { forward } from './lab.helpers.ts';
import { cli, EXAMPLE, runIdentity, writeTemp } from './scenarios.helpers.ts';
import { servePython, serveStatic, siteWithLab, type StaticHost } from './staticHost.helpers.ts';

const FOLDER = 'courses/os-2027/hmm-lab';
let site: ReturnType<typeof siteWithLab>;
let host: StaticHost;

test.beforeAll(async () => {
  site = siteWithLab(FOLDER, ''); // the same build at the site root too
  host = await serveStatic(site.root, Number(process.env.E2E_STATIC_PORT ?? 4212));
});

test.afterAll(async () => {
  await host?.stop();
  site?.remove();
});

/** Everything that went wrong on the page: errors, CSP violations, requests that failed. */
async function watch(page: Page) {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
  });
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`),
    ),
  );
  return problems;
}

async function open(page: Page, url: string) {
  await page.goto('about:blank');
  await page.goto(url);
  await expect(page.getByTestId('step-fn')).toBeVisible({ timeout: 15_000 });
}

/** The run's digest every link the lab makes carries after its step. */
const DIGEST = '&h=[0-9a-f]{8}&ha=[A-Za-z0-9_-]+';

async function shareLinks(page: Page) {
  await page.getByTestId('share').click();
  const dialog = page.getByTestId('share-dialog');
  await expect(dialog.getByTestId('share-link-step')).not.toHaveValue('');
  const links = {
    step: await dialog.getByTestId('share-link-step').inputValue(),
    start: await dialog.getByTestId('share-link-start').inputValue(),
    embed: await dialog.getByTestId('share-embed').inputValue(),
  };
  await dialog.getByRole('button', { name: 'Done' }).click();
  return links;
}

test('from a nested folder of a server that sets no headers: links, share, embed, worker restart', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const problems = await watch(page);
  const lab = `${host.origin}/${FOLDER}/`;

  await open(page, `${lab}#preset/cpu-touch&step=3`);
  await expect(page.getByRole('combobox', { name: 'Lesson' })).toHaveValue('cpu-touch');
  await expect(page.getByTestId('step-index')).toHaveText('3');
  // No isolation here, and the lab does not need it; the CSP <meta> still holds.
  expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(false);
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveCount(1);
  const [worker] = page.workers();
  expect(worker.url()).toMatch(new RegExp(`^${lab}assets/.+\\.js$`));
  await forward(page);
  await forward(page);
  await expect
    .poll(() => page.evaluate(() => location.href))
    .toMatch(new RegExp(`^${lab}#preset/cpu-touch&step=5${DIGEST}$`));

  // A #v1 link, as the CLI prints it, under the folder.
  const hash = cli('link', writeTemp('example.json', JSON.stringify(EXAMPLE)), '--step', '4');
  await open(page, lab + hash);
  await expect(page.getByLabel('Lesson')).toContainText(EXAMPLE.title);
  await expect(page.getByTestId('step-index')).toHaveText('4');
  await forward(page);

  // The share dialog offers links to this folder, not to the site root.
  const links = await shareLinks(page);
  expect(links.step).toMatch(new RegExp(`^${lab}#v1\\.[^#]+&step=5${DIGEST}$`));
  expect(links.start).toMatch(new RegExp(`^${lab}#v1\\.[^#&]+${DIGEST}$`));
  expect(links.embed).toContain(`src="${links.start}&embed=1"`);

  // The embed snippet, pasted into a course page elsewhere on the same site, shows the lesson.
  writeFileSync(
    join(site.root, 'courses/os-2027/week-3.html'),
    `<!doctype html><title>Week 3</title><link rel="icon" href="data:,"><h1>Week 3: device memory</h1>${links.embed}`,
  );
  await page.goto(`${host.origin}/courses/os-2027/week-3.html`);
  const frame = page.frameLocator('iframe[title="HMM Lab"]');
  await expect(frame.getByTestId('step-fn')).toBeVisible({ timeout: 15_000 });
  await expect(frame.getByTestId('step-index')).toHaveText('0');
  await expect(frame.getByRole('link', { name: /Open in HMM Lab/ })).toHaveAttribute(
    'href',
    new RegExp(`^${lab}#v1\\.`),
  );
  await frame.getByTestId('step-forward').click();
  await expect(frame.getByTestId('step-index')).toHaveText('1');

  // The worker, loaded from the folder, is restarted from the folder after it hangs or dies.
  await open(page, `${lab}#preset/cpu-touch&step=10`);
  const loaded = await runIdentity(page);
  await page
    .workers()
    .at(-1)!
    .evaluate(() => {
      setTimeout(() => {
        const t = Date.now();
        while (Date.now() - t < 60_000);
      }, 0);
    });
  await page.getByTestId('step-forward').click();
  const notice = page.getByTestId('worker-notice');
  await expect(notice).toContainText('stopped responding', { timeout: 10_000 });
  await expect(notice).toContainText('rebuilt at step 10');
  expect(await runIdentity(page)).toEqual(loaded);
  await forward(page);
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  const second = page.workers().at(-1)!;
  expect(second.url()).toMatch(new RegExp(`^${lab}assets/`));
  await second.evaluate(() => {
    setTimeout(() => {
      throw new Error('boom');
    }, 0);
  });
  await expect(notice).toContainText('crashed', { timeout: 10_000 });
  await expect(notice).toContainText('rebuilt at step 11');
  await forward(page);
  await expect(page.getByTestId('bug-panel')).toHaveCount(0);

  // The worker errors above are the test's own doing; nothing else may have gone wrong.
  expect(problems.filter((p) => !/boom/.test(p))).toEqual([]);
  expect(host.log.filter((l) => l.startsWith('404'))).toEqual([]);
});

test('from the site root of the same plain server, and by its index.html', async ({ page }) => {
  test.setTimeout(60_000);
  const problems = await watch(page);
  await open(page, `${host.origin}/#preset/two-gpus`);
  await expect(page.getByRole('combobox', { name: 'Lesson' })).toHaveValue('two-gpus');
  await forward(page);
  const atRoot = await shareLinks(page);
  expect(atRoot.step).toMatch(new RegExp(`^${host.origin}/#preset/two-gpus&step=1${DIGEST}$`));
  expect(atRoot.embed).toMatch(
    new RegExp(`src="${host.origin}/#preset/two-gpus${DIGEST}&embed=1"`),
  );

  // The folder without its slash: the server redirects, the link's hash comes along.
  await open(page, `${host.origin}/${FOLDER}#preset/fork-cow&step=4`);
  expect(page.url()).toMatch(
    new RegExp(`^${host.origin}/${FOLDER}/#preset/fork-cow&step=4(${DIGEST})?$`),
  );
  await expect(page.getByTestId('step-index')).toHaveText('4');

  const byFile = `${host.origin}/${FOLDER}/index.html`;
  await open(page, `${byFile}#preset/cpu-touch&step=2`);
  await forward(page);
  expect((await shareLinks(page)).step).toMatch(
    new RegExp(`^${byFile}#preset/cpu-touch&step=3${DIGEST}$`),
  );
  expect(problems).toEqual([]);
  expect(host.log.filter((l) => l.startsWith('404'))).toEqual([]);
});

test('python3 -m http.server from a nested folder: the same lab', async ({ page }) => {
  const python = await servePython(site.root);
  test.skip(!python, 'no python3 on this machine');
  try {
    const problems = await watch(page);
    const lab = `${python!.origin}/${FOLDER}/`;
    await open(page, `${lab}#preset/cpu-touch&step=3`);
    await expect(page.getByTestId('step-index')).toHaveText('3');
    expect(page.workers()[0].url()).toMatch(new RegExp(`^${lab}assets/`));
    await forward(page);
    expect((await shareLinks(page)).step).toMatch(
      new RegExp(`^${lab}#preset/cpu-touch&step=4${DIGEST}$`),
    );
    expect(problems).toEqual([]);
  } finally {
    python!.stop();
  }
});
