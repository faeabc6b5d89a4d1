// Device-coherent memory in the lab: a page cell names the device whose frame the CPU maps,
// exactly as the CLI's pages[] does (scenario-format.md test ids, hmm-model-v2.md flow L).
import { expect, test } from '@playwright/test';
import { watchErrors } from './lab.helpers.ts';
import { cli, openReady, writeTemp } from './scenarios.helpers.ts';

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
