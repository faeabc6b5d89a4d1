// A plain static web server for the hosting spec, started and stopped by the test: it serves
// files and sets no header but Content-Type and Content-Length (and Location on a folder's redirect) — no COOP/COEP (so no
// cross-origin isolation), no CSP header, no SPA fallback — like a course site's web server or
// `python3 -m http.server`.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
};

export interface StaticHost {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** Every path asked for, in order, with the status it got. */
  log: string[];
  stop(): Promise<void>;
}

/** Serve `root` on 127.0.0.1 (port 0: whichever is free, so parallel runs never collide). */
export function serveStatic(root: string, port = 0): Promise<StaticHost> {
  const log: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(root + sep) && file !== root) file = '';
    else if (existsSync(file) && statSync(file).isDirectory()) {
      // A folder asked for without its slash is redirected to it, as every web server does
      // (relative URLs in its index.html resolve against the slash).
      if (!path.endsWith('/')) {
        log.push(`301 ${path}`);
        res.writeHead(301, { Location: `${path}/` }).end();
        return;
      }
      file = join(file, 'index.html');
    }
    if (!file || !existsSync(file)) {
      log.push(`404 ${path}`);
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    log.push(`200 ${path}`);
    const body = readFileSync(file);
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': body.length,
    });
    res.end(body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const addr = server.address();
      const origin = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : port}`;
      const stop = () =>
        new Promise<void>((done) => {
          server.closeAllConnections();
          server.close(() => done());
        });
      resolve({ origin, log, stop });
    });
  });
}

/** A temp web root with the built `dist/` copied into each of `folders` (`''`: the root). */
export function siteWithLab(...folders: string[]): { root: string; remove(): void } {
  const dist = join(process.cwd(), 'dist');
  if (!existsSync(join(dist, 'index.html')))
    throw new Error('dist/index.html is missing: run `npm run build` before the e2e tests');
  const root = mkdtempSync(join(tmpdir(), 'hmm-lab-host-'));
  for (const folder of folders) cpSync(dist, join(root, folder), { recursive: true });
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/**
 * `python3 -m http.server` on `root` (the server the issue was found with), or null where there
 * is no python3. Port 0: it picks a free one and says which.
 */
export async function servePython(root: string): Promise<{ origin: string; stop(): void } | null> {
  const { spawn, spawnSync } = await import('node:child_process');
  if (spawnSync('python3', ['--version']).status !== 0) return null;
  const child = spawn(
    'python3',
    ['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1', '--directory', root],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const stop = () => void child.kill();
  const port = await new Promise<string | null>((resolve) => {
    let out = '';
    const timer = setTimeout(() => resolve(null), 10_000);
    child.stdout.on('data', (d: Buffer) => {
      const m = /port (\d+)/.exec((out += d.toString()));
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', () => resolve(null));
  });
  if (!port) {
    stop();
    throw new Error('python3 -m http.server did not start');
  }
  return { origin: `http://127.0.0.1:${port}`, stop };
}
