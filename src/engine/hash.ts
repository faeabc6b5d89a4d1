// traceHash: SHA-256 over the waypoints' canonical lines (seq, action, fn, text), built
// incrementally so a timeline can extend it as actions are appended.
import { createSha256 } from './sha256.ts';
import type { Waypoint } from './trace.ts';

/** Same bytes as JSON.stringify({ seq, action, fn, text }) + newline, without the object. */
export const canonicalLine = (w: Waypoint): string =>
  `{"seq":${w.seq},"action":${w.action},"fn":${JSON.stringify(w.fn)},"text":${JSON.stringify(w.text)}}\n`;

/** Hashes the waypoints lazily: hex() catches up with whatever was appended since. */
export function createTraceHasher(waypoints: readonly Waypoint[]): { hex(): string } {
  const h = createSha256();
  let done = 0;
  return {
    hex() {
      for (; done < waypoints.length; done++) h.update(canonicalLine(waypoints[done]));
      return h.hex();
    },
  };
}
