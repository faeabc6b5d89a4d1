// npm run bench: bundles bench/main.ts with esbuild and runs the bundle, so the engine is
// measured as the app ships it (one scope-hoisted module, as Vite builds the worker) and not
// through tsx's per-module loader, whose export getters cost about 10% in the engine's hot loops.
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';

const outfile = 'bench/main.bundle.mjs';
await build({
  entryPoints: ['bench/main.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
const r = spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
