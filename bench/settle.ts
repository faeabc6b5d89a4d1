// Waits until the browser has finished what opening a page sets off before a browser metric
// starts. On these machines a new headless Chromium window also loads Chrome's own omnibox
// WebUI in a second renderer, ~1.6 s of CPU over the first seconds: on 2 cores it took turns
// with the page being measured, and showed up as late frames and slow round trips that had
// nothing to do with the app. The app's own load work (first render, autosave) is waited out
// the same way, since these metrics are about stepping, not loading.
import { readdirSync, readFileSync } from 'node:fs';

/** CPU time (ms) used so far by every process descended from this one (the browser's). */
function descendantsCpuMs(): number | null {
  let stats: { pid: number; ppid: number; ms: number }[];
  try {
    stats = readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .flatMap((d) => {
        try {
          // Fields after the ")" that closes the command name: state ppid ... utime(12) stime(13).
          const f = readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1].split(' ');
          return [{ pid: Number(d), ppid: Number(f[1]), ms: (Number(f[11]) + Number(f[12])) * 10 }];
        } catch {
          return []; // exited meanwhile
        }
      });
  } catch {
    return null; // no /proc: not Linux
  }
  const mine = new Set([process.pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const s of stats)
      if (!mine.has(s.pid) && mine.has(s.ppid)) {
        mine.add(s.pid);
        grew = true;
      }
  }
  return stats
    .filter((s) => s.pid !== process.pid && mine.has(s.pid))
    .reduce((a, s) => a + s.ms, 0);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Resolves once the browser's processes used under 10 % of one core for two 250 ms windows
 * in a row (or after `maxMs`); returns how long that took. Without /proc it waits 2 s.
 */
export async function settle(maxMs = 15_000): Promise<number> {
  const t0 = performance.now();
  const first = descendantsCpuMs();
  if (first === null) {
    await sleep(2000);
    return performance.now() - t0;
  }
  let last: number = first;
  let quiet = 0;
  while (quiet < 2 && performance.now() - t0 < maxMs) {
    await sleep(250);
    const now: number = descendantsCpuMs() ?? last;
    quiet = now - last < 25 ? quiet + 1 : 0;
    last = now;
  }
  return performance.now() - t0;
}
