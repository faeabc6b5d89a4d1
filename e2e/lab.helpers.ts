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

/**
 * Watch the token layer (canvas.tokens): every value its `data-<attr>` takes (what it says it
 * plays: `flying` pages or `popping` cells), and the most pixels it drew at once, sampled each
 * frame while it is shown, since the last `resetPainted`.
 */
export async function watchTokenLayer(page: Page, attr: 'flying' | 'popping') {
  type Watch = { said: string[]; painted: number };
  await page.evaluate((attr) => {
    const w: Watch = { said: [], painted: 0 };
    (window as unknown as { tokenWatch: Watch }).tokenWatch = w;
    const c = document.querySelector<HTMLCanvasElement>('canvas.tokens')!;
    new MutationObserver(() => {
      const v = c.dataset[attr];
      if (v) w.said.push(v);
    }).observe(c, { attributes: true, attributeFilter: [`data-${attr}`] });
    const sample = () => {
      if (c.width && c.height && c.style.visibility !== 'hidden') {
        const px = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 3; i < px.length; i += 4) if (px[i] > 0) n++;
        w.painted = Math.max(w.painted, n);
      }
      requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
  }, attr);
  // Each of these runs in the page, so it names the watch there itself.
  return {
    said: () => page.evaluate(() => (window as unknown as { tokenWatch: Watch }).tokenWatch.said),
    painted: () =>
      page.evaluate(() => (window as unknown as { tokenWatch: Watch }).tokenWatch.painted),
    resetPainted: () =>
      page.evaluate(
        () => void ((window as unknown as { tokenWatch: Watch }).tokenWatch.painted = 0),
      ),
  };
}
