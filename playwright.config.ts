// E2E against `vite preview` (dist/ must be built first: `npm test` builds before e2e).
// E2E_DEV=1 runs against the `vite` dev server instead. Chromium is Debian's
// (/usr/bin/chromium or $CHROMIUM_PATH; scripts/ensure-chromium.mjs installs it) — never
// Playwright's own download, which this machine's closed network cannot fetch.
import { accessSync, constants } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

const DEV = !!process.env.E2E_DEV;
const PORT = Number(process.env.E2E_PORT ?? (DEV ? 5173 : 4173));
const HOST = '127.0.0.1';

export function chromiumPath(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    try {
      accessSync(fromEnv, constants.X_OK);
      return fromEnv;
    } catch {
      // fall through to Debian's path, as scripts/ensure-chromium.mjs does
    }
  }
  return '/usr/bin/chromium';
}

/** Flags for a root user in a container on a closed network (see toolchain.md). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-dev-shm-usage',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: 'e2e',
  timeout: 30_000,
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  reporter: 'list',
  use: {
    baseURL: `http://${HOST}:${PORT}`,
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
      },
    },
  ],
  webServer: {
    command: `npx vite ${DEV ? '' : 'preview'} --port ${PORT} --strictPort --host ${HOST}`,
    url: `http://${HOST}:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
