// Builds the app once per bench run into a private folder, so the bench never races other
// users of dist/ (e2e, preview) and always measures the current source. A smoke run reuses
// dist/ when it exists (`npm test` has just built it) to stay fast.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

let built: string | null = null;

export function buildApp(reuseDist = false): string {
  if (built) return built;
  const dist = fileURLToPath(new URL('../dist', import.meta.url));
  if (reuseDist && existsSync(join(dist, 'index.html'))) return (built = dist);
  const outDir = join(tmpdir(), `hmm-lab-bench-dist-${process.pid}`);
  const r = spawnSync(
    'npx',
    ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  if (r.status !== 0 || !existsSync(join(outDir, 'index.html'))) {
    const why = (r.stderr || r.stdout || '').trim().split('\n').slice(0, 3).join(' | ');
    throw new Error(`vite build failed (${r.status}): ${why || 'no index.html'}`);
  }
  built = outDir;
  return outDir;
}
