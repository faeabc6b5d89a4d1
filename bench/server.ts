// A private `vite preview` of the bench build on its own port, started and stopped by the bench.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export interface Server {
  url: string;
  stop(): void;
}

/** A port that is free right now (the OS picks it), so parallel bench runs never collide. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export async function startPreview(outDir: string): Promise<Server> {
  const port = Number(process.env.BENCH_PORT) || (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    'npx',
    [
      'vite',
      'preview',
      '--outDir',
      outDir,
      '--port',
      String(port),
      '--strictPort',
      '--host',
      '127.0.0.1',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const stop = () => {
    if (child.pid && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM'); // the group we created: npx and its vite child
      } catch {
        /* already gone */
      }
    }
  };
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`vite preview exited: ${stderr.trim().slice(0, 200)}`);
    try {
      const r = await fetch(url);
      if (r.ok) return { url, stop };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  stop();
  throw new Error(`vite preview did not answer on ${url} within 30 s`);
}
