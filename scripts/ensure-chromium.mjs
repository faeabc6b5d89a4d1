#!/usr/bin/env node
// Makes sure a Chromium binary exists for Playwright (playwright.config.ts launches
// $CHROMIUM_PATH or /usr/bin/chromium; we never download Playwright's own browser).
// When none is found, installs Debian's chromium with apt-get (via sudo when not root).
// Exits non-zero with a clear message when it cannot.
import { accessSync, constants } from 'node:fs';
import { spawnSync } from 'node:child_process';

const DEFAULT_PATH = '/usr/bin/chromium';
const candidates = [process.env.CHROMIUM_PATH, DEFAULT_PATH].filter(Boolean);

const log = (msg) => console.log(`[ensure-chromium] ${msg}`);
const fail = (msg) => {
  console.error(`[ensure-chromium] ERROR: ${msg}`);
  process.exit(1);
};

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function version(path) {
  const r = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  const line = (r.stdout || '').split('\n').find((l) => /chrom/i.test(l));
  return line ? line.trim() : 'version unknown';
}

const found = candidates.find(isExecutable);
if (process.env.CHROMIUM_PATH && !isExecutable(process.env.CHROMIUM_PATH)) {
  log(
    `CHROMIUM_PATH=${process.env.CHROMIUM_PATH} is not executable; falling back to ${DEFAULT_PATH}`,
  );
}
if (found) {
  log(`found ${found} (${version(found)})`);
  process.exit(0);
}

log(`no Chromium at ${candidates.join(' or ')}; installing Debian's chromium with apt-get`);

if (process.platform !== 'linux' || !isExecutable('/usr/bin/apt-get')) {
  fail(
    'Chromium is missing and apt-get is not available. Install Chromium yourself and set ' +
      'CHROMIUM_PATH=/path/to/chromium.',
  );
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
let prefix = [];
if (!isRoot) {
  const sudo = ['/usr/bin/sudo', '/bin/sudo'].find(isExecutable);
  if (!sudo) fail('Chromium is missing, not running as root and sudo is not installed.');
  prefix = [sudo, '-n'];
}

function run(args) {
  const cmd = [...prefix, ...args];
  log(`$ ${cmd.join(' ')}`);
  const r = spawnSync(cmd[0], cmd.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (r.error) fail(`could not run ${cmd[0]}: ${r.error.message}`);
  if (r.status !== 0) {
    fail(
      `"${args.join(' ')}" exited with ${r.status}. ` +
        'Install Chromium by hand (apt-get install chromium) or set CHROMIUM_PATH.',
    );
  }
}

// The apt candidate is stale until the package lists are refreshed (toolchain.md pitfall 5).
run(['apt-get', 'update']);
run(['apt-get', 'install', '-y', '--no-install-recommends', 'chromium', 'fonts-liberation']);

if (!isExecutable(DEFAULT_PATH)) fail(`apt-get finished but ${DEFAULT_PATH} is still missing.`);
log(`installed ${DEFAULT_PATH} (${version(DEFAULT_PATH)})`);
