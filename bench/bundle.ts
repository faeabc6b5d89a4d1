// initial_js_gzip_kb: gzip size of the JS that the built index.html loads before first paint
// (module scripts + modulepreload links; lazy chunks and the worker are not counted).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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

export function benchBundle(opts: BenchOptions): Metrics {
  try {
    const dist = buildApp(opts.smoke);
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    const files = initialScripts(html);
    if (files.length === 0) throw new Error('index.html loads no module script');
    let raw = 0;
    let gz = 0;
    for (const f of files) {
      const buf = readFileSync(join(dist, f.replace(/^\.?\//, '')));
      raw += buf.length;
      gz += gzipSync(buf, { level: 9 }).length;
    }
    return {
      initial_js_gzip_kb: metric(
        gz / 1024,
        'kB',
        { max: 150 },
        `${files.length} file(s), ${(raw / 1024).toFixed(1)} kB raw`,
      ),
    };
  } catch (e) {
    return { initial_js_gzip_kb: notMeasured('kB', reason(e), '<= 150') };
  }
}
