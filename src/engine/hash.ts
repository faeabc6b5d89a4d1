// traceHash: SHA-256 over the waypoints' canonical lines (seq, action, fn, text), built
// incrementally so a timeline can extend it as actions are appended.
import { createSha256 } from './sha256.ts';
import type { Trace } from './store/trace.ts';

/** Same bytes as JSON.stringify({ seq, action, fn, text }) + newline, without the object. */
export const canonicalLine = (w: { seq: number; action: number; fn: string; text: string }) =>
  `{"seq":${w.seq},"action":${w.action},"fn":${JSON.stringify(w.fn)},"text":${JSON.stringify(w.text)}}\n`;

export interface TraceHasher {
  /** The hash of the whole trace so far (catches up with whatever was appended since). */
  hex(): string;
  /** Hashes at most `budget` more waypoints; the hex once it has caught up, else null. */
  advance(budget: number): string | null;
}

/** Hashes the trace lazily, so a caller can show the trace before its hash is ready. */
export function createTraceHasher(trace: Trace): TraceHasher {
  const h = createSha256();
  let done = 0;
  const advance = (budget: number) => {
    const until = Math.min(trace.count, done + budget);
    for (; done < until; done++)
      h.update(
        canonicalLine({
          seq: done,
          action: trace.actionOf(done),
          fn: trace.fnOf(done),
          text: trace.textOf(done),
        }),
      );
    return done === trace.count ? h.hex() : null;
  };
  return { hex: () => advance(Infinity) as string, advance };
}
