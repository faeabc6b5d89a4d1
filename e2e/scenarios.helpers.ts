// Helpers of the scenario and sharing specs: scenarios to import, the CLI, the file picker.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';

export const EXAMPLE = {
  format: 'hmm-lab/scenario@1',
  title: 'CPU touch brings a page home',
  config: { hostFrames: 32, devices: [{ name: 'gpu0', frames: 16 }] },
  actions: [
    { op: 'mmap', start: 0, count: 8, prot: 'rw' },
    { op: 'cpu_write', start: 0, count: 8, values: [0, 1, 2, 3, 4, 5, 6, 7] },
    { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 8 },
    { op: 'cpu_read', start: 3 },
  ],
};

export function writeTemp(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'hmm-lab-e2e-')), name);
  writeFileSync(file, text);
  return file;
}

/** The project's CLI, as a user would run it. */
export function cli(...args: string[]): string {
  return execFileSync('npx', ['tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8' }).trim();
}

/** Choose a file in the picker the Import button opens. */
export async function importText(page: Page, name: string, text: string) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('import').click();
  await (await chooser).setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

export const text = async (page: Page, id: string) =>
  (await page.getByTestId(id).textContent()) ?? '';

/** The run's traceHash once shown: it follows the run's first frame (computed after it). */
export async function traceHash(page: Page): Promise<string> {
  await expect(page.getByTestId('trace-hash')).toHaveText(/^[0-9a-f]{64}$/, { timeout: 30_000 });
  return text(page, 'trace-hash');
}

/** Everything the lab shows about the loaded run, to check that nothing changed. */
export async function runIdentity(page: Page) {
  return { hash: await traceHash(page), count: await text(page, 'step-count') };
}

export async function expectBanner(page: Page, pattern: RegExp) {
  const banner = page.getByTestId('error-banner');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText(pattern);
}

/** Open the lab and wait until a frame is shown (step-count alone can come first). */
export async function openReady(page: Page, hash = '') {
  await page.goto(`/${hash}`);
  await expect(page.getByTestId('step-fn')).toBeVisible({ timeout: 15_000 });
}

/** A 1024-page run compared with itself minus its migration of 700 pages, opened as a person
 *  would: import it, step to the end of the CPU write, What if… → leave the migration out. */
export async function openBigWhatIf(page: Page) {
  const big = {
    format: 'hmm-lab/scenario@1',
    title: '700 of 1024 pages go to the GPU',
    config: { hostFrames: 1024, devices: [{ name: 'gpu0', frames: 1024 }] },
    actions: [
      { op: 'mmap', start: 0, count: 1024, prot: 'rw' },
      { op: 'cpu_write', start: 0, count: 1024, value: 5 },
      { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 700 },
    ],
  };
  await openReady(page);
  await importText(page, 'big.json', JSON.stringify(big));
  await expect(page.getByRole('combobox', { name: 'Lesson' })).toContainText(big.title);
  await expect(page.getByTestId('step-fn')).not.toBeEmpty();
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowRight');
  await page.getByTestId('whatif-open').click();
  const dialog = page.getByTestId('whatif-dialog');
  await expect(dialog).toContainText('action 3');
  await dialog.getByTestId('whatif-kind-delete').check();
  await dialog.getByTestId('whatif-apply').click();
  await expect(page.getByTestId('compare-view')).toBeVisible();
}
