// traceHash: SHA-256 over the waypoints' canonical lines (seq, action, fn, text), built
// incrementally so a timeline can extend it as actions are appended.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { Waypoint } from './trace.ts';

const enc = new TextEncoder();

export const canonicalLine = (w: Waypoint): string =>
  JSON.stringify({ seq: w.seq, action: w.action, fn: w.fn, text: w.text }) + '\n';

export interface TraceHasher {
  add(w: Waypoint): void;
  hex(): string;
}

export function createTraceHasher(): TraceHasher {
  const h = sha256.create();
  return {
    add: (w) => h.update(enc.encode(canonicalLine(w))),
    hex: () => bytesToHex(h.clone().digest()),
  };
}
