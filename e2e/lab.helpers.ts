// Shared helpers of the lab e2e specs: console-error capture and the public test ids.
import { expect, type Page } from '@playwright/test';

export function watchErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
  });
  return problems;
}

export const num = async (page: Page, id: string) =>
  Number(await page.getByTestId(id).textContent());

export async function openLab(page: Page, hash = '') {
  await page.goto(`/${hash}`);
  await expect.poll(() => num(page, 'step-count'), { timeout: 15_000 }).toBeGreaterThan(0);
  // The count arrives before the first frame; keys pressed before it are dropped.
  await expect(page.getByTestId('step-fn')).not.toBeEmpty({ timeout: 15_000 });
}

/** Click step-forward and wait until the index moved. */
export async function forward(page: Page) {
  const before = await num(page, 'step-index');
  await page.getByTestId('step-forward').click();
  await expect.poll(() => num(page, 'step-index')).toBe(before + 1);
}
