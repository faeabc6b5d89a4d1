// Issue 7, untrusted input and no network: the built app runs under a strict CSP with no
// violation, ships no eval, and a whole session (several lessons, stepping, a hand-triggered
// action, a bad link) never leaves its own origin.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

const DIST = join(process.cwd(), 'dist');

test('the bundle has no eval or new Function, and index.html carries a strict CSP', () => {
  const js = readdirSync(join(DIST, 'assets')).filter((f) => f.endsWith('.js'));
  expect(js.length).toBeGreaterThan(0);
  for (const f of js) {
    const code = readFileSync(join(DIST, 'assets', f), 'utf8');
    expect(code, f).not.toMatch(/\beval\s*\(|new\s+Function\s*\(/);
  }
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
  const policy = csp.replace(/&#39;/g, "'");
  expect(policy).toContain("script-src 'self'");
  expect(policy).not.toMatch(/unsafe-eval|unsafe-inline/);
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
});

test('a full session stays on its own origin with no CSP violation', async ({ page, baseURL }) => {
  test.setTimeout(90_000);
  const origin = new URL(baseURL ?? 'http://127.0.0.1:4173').origin;
  const foreign: string[] = [];
  const problems: string[] = [];
  page.on('request', (r) => {
    if (!/^(data|blob|about):/.test(r.url()) && new URL(r.url()).origin !== origin)
      foreign.push(r.url());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) problems.push(m.text());
  });
  await page.addInitScript(() => {
    (window as unknown as { __cspViolations: string[] }).__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { __cspViolations: string[] }).__cspViolations.push(
        `${e.violatedDirective} ${e.blockedURI}`,
      ),
    );
  });

  for (const id of ['cpu-touch', 'two-gpus', 'exclusive-atomics']) {
    await page.goto(`/#preset/${id}`);
    // A new hash loads the lesson in place: wait for it, not for the last lesson's step count.
    await expect(page.getByRole('combobox', { name: 'Lesson' })).toHaveValue(id, {
      timeout: 15_000,
    });
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('End');
    await page.keyboard.press('Home');
  }
  const violations = async () =>
    page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
  expect(await violations(), 'CSP violations while stepping').toEqual([]);
  // A fresh load (not just a hash change) so the bad link is what the app starts from.
  await page.goto('about:blank');
  await page.goto('/#v1.this-is-not-a-link');
  await expect(page.getByTestId('error-banner')).toBeVisible({ timeout: 15_000 });

  expect(await violations(), 'CSP violations after a bad link').toEqual([]);
  expect(problems, 'console errors').toEqual([]);
  expect(foreign, 'requests outside the app origin').toEqual([]);
});
