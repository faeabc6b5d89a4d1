// traceHash: SHA-256 over the waypoints' canonical lines (seq, action, fn, text), built
// incrementally so a timeline can extend it as actions are appended.
import { createSha256 } from './sha256.ts';
import type { Trace } from './store/trace.ts';

/** Same bytes as JSON.stringify({ seq, action, fn, text }) + newline, without the object. */
export const canonicalLine = (w: { seq: number; action: number; fn: string; text: string }) =>
  `{"seq":${w.seq},"action":${w.action},"fn":${JSON.stringify(w.fn)},"text":${JSON.stringify(w.text)}}\n`;

/** Hashes the trace lazily: hex() catches up with whatever was appended since. */
export function createTraceHasher(trace: Trace): { hex(): string } {
  const h = createSha256();
  let done = 0;
  return {
    hex() {
      for (; done < trace.count; done++)
        h.update(
          canonicalLine({
            seq: done,
            action: trace.actionOf(done),
            fn: trace.fnOf(done),
            text: trace.textOf(done),
          }),
        );
      return h.hex();
    },
  };
}
