// initial_js_gzip_kb: gzip size of the JS that the built index.html loads before first paint
// (module scripts + modulepreload links; lazy chunks and the worker are not counted).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildApp } from './build.ts';
import { metric, notMeasured, reason, type BenchOptions, type Metrics } from './lib.ts';

export function initialScripts(html: string): string[] {
  const out = new Set<string>();
  for (const tag of html.match(/<script\b[^>]*>/g) ?? []) {
    if (/type\s*=\s*["']?module/.test(tag)) {
      const src = /src\s*=\s*["']([^"']+)["']/.exec(tag);
      if (src) out.add(src[1]);
    }
  }
  for (const tag of html.match(/<link\b[^>]*>/g) ?? []) {
    if (/rel\s*=\s*["']?modulepreload/.test(tag)) {
      const href = /href\s*=\s*["']([^"']+)["']/.exec(tag);
      if (href) out.add(href[1]);
    }
  }
  return [...out];
}

/** Relative static imports of a built chunk (`import"./x.js"`, `import{a}from"./x.js"`), not import(). */
export function staticImports(code: string): string[] {
  const out: string[] = [];
  const re = /\bimport\s*(?:[\w$*{},\s]+?\s*from\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g;
  for (let m = re.exec(code); m; m = re.exec(code)) out.push(m[1]);
  return out;
}

export function benchBundle(opts: BenchOptions): Metrics {
  try {
    const dist = buildApp(opts.smoke);
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    const files = initialScripts(html);
    if (files.length === 0) throw new Error('index.html loads no module script');
    // Follow static imports between chunks too (Vite usually lists them as modulepreload).
    const queue = files.map((f) => join(dist, f.replace(/^\.?\//, '')));
    const seen = new Set<string>();
    let raw = 0;
    let gz = 0;
    while (queue.length) {
      const file = queue.shift()!;
      if (seen.has(file)) continue;
      seen.add(file);
      const buf = readFileSync(file);
      raw += buf.length;
      gz += gzipSync(buf, { level: 9 }).length;
      for (const dep of staticImports(buf.toString('utf8'))) {
        const path = resolve(dirname(file), dep);
        if (existsSync(path)) queue.push(path);
      }
    }
    return {
      initial_js_gzip_kb: metric(
        gz / 1024,
        'kB',
        { max: 150 },
        `${seen.size} file(s), ${(raw / 1024).toFixed(1)} kB raw`,
      ),
    };
  } catch (e) {
    return { initial_js_gzip_kb: notMeasured('kB', reason(e), '<= 150') };
  }
}
