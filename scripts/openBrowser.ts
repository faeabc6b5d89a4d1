// `npm run dev` opens the lab in a browser only where one can be opened: macOS and Windows
// always, Linux and the other Unixes only with a desktop session (DISPLAY or WAYLAND_DISPLAY)
// and xdg-open on PATH. The URL is always printed plainly, and a launcher that fails anyway is
// reported in one line, never as a stack trace (Vite's own --open throws `spawn xdg-open
// ENOENT` on a headless machine).
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Plugin } from 'vite';

interface Launcher {
  command: string;
  args: (url: string) => string[];
}

type Env = Record<string, string | undefined>;

function onPath(name: string, env: Env): boolean {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      // not in this directory
    }
  }
  return false;
}

/** How to open a URL here, or null where no browser can be opened. */
export function browserLauncher(
  platform: NodeJS.Platform,
  env: Env,
  has: (name: string) => boolean = (name) => onPath(name, env),
): Launcher | null {
  if (env.BROWSER === 'none' || env.CI) return null;
  if (platform === 'darwin') return { command: 'open', args: (url) => [url] };
  if (platform === 'win32')
    return { command: 'cmd', args: (url) => ['/c', 'start', '""', url.replace(/&/g, '^&')] };
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return null;
  return has('xdg-open') ? { command: 'xdg-open', args: (url) => [url] } : null;
}

/** Vite plugin: after Vite prints its URLs, open the first one or say how to reach it. */
export function openBrowser(): Plugin {
  return {
    name: 'hmm-lab-open-browser',
    apply: 'serve',
    configureServer(server) {
      const printUrls = server.printUrls.bind(server);
      server.printUrls = () => {
        printUrls();
        const url = server.resolvedUrls?.local[0];
        if (!url) return;
        const launcher = browserLauncher(process.platform, process.env);
        const plain = () =>
          server.config.logger.info(`\n  HMM Lab: open ${url} in your browser.\n`);
        if (!launcher) return plain();
        const child = spawn(launcher.command, launcher.args(url), {
          stdio: 'ignore',
          detached: true,
          windowsVerbatimArguments: process.platform === 'win32',
        });
        child.on('error', plain);
        child.unref();
      };
    },
  };
}
