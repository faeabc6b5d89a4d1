import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { openBrowser } from './scripts/openBrowser.ts';

/**
 * A strict Content-Security-Policy for the built app: only our own scripts, styles, images and
 * worker; no eval, no inline scripts, no network beyond our origin. Build only, because the dev
 * server injects an inline React Refresh preamble.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'hmm-lab-csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP },
        injectTo: 'head-prepend',
      },
    ],
  };
}

/**
 * public/boot.js starts the timeline worker before the app's own bundle has loaded: it reads
 * the worker's built (hashed) file name from a meta tag written here. Build only: the dev
 * server's worker is a module graph, and the app starts it itself.
 */
function bootWorker(): Plugin {
  return {
    name: 'hmm-lab-boot-worker',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const worker = Object.keys(ctx.bundle ?? {}).find((f) =>
          /(^|\/)timeline\.worker-[\w-]+\.js$/.test(f),
        );
        if (!worker) throw new Error('hmm-lab-boot-worker: no timeline worker in the bundle');
        // After the CSP and before the stylesheet, which a classic script would wait for.
        const tags =
          `<meta name="hmm-lab-worker" content="./${worker}" />\n` +
          `    <script src="./boot.js"></script>\n    `;
        if (!html.includes('<title>'))
          throw new Error('hmm-lab-boot-worker: no <title> in index.html');
        return html.replace('<title>', `${tags}<title>`);
      },
    },
  };
}

/**
 * Cross-origin isolation: the app loads nothing from elsewhere, so it costs nothing, and it
 * gives performance.now() and requestAnimationFrame 5 µs timestamps instead of 100 µs ones with
 * random jitter, which the frame bench (bench/browser.ts) needs to tell a 16.67 ms frame from
 * a late one. The lab itself needs none of it: a plain static host that sets no headers serves
 * the same lab (e2e/hosting.spec.ts), with coarser timers only.
 */
export const ISOLATED = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react(), contentSecurityPolicy(), bootWorker(), openBrowser()],
  // Relative asset, chunk and worker URLs: dist/ works from any folder of any static host.
  base: './',
  worker: { format: 'es' },
  preview: { port: 4173, strictPort: true, headers: ISOLATED },
  server: { port: 5173, strictPort: true, headers: ISOLATED },
});
