// A run's digest for share links (src/scenario/linkDigest.ts): one SHA-256 pass over the same
// canonical lines as the traceHash, read out at the end of each group of actions.
import { canonicalLine } from '../engine/hash.ts';
import { createSha256 } from '../engine/sha256.ts';
import type { Trace } from '../engine/store/trace.ts';
import { digestChar, groupSize, type RunDigest } from '../scenario/linkDigest.ts';

/** `ends[u]`: the waypoint count at the end of unit u (the registration, then each action). */
export function runDigest(trace: Trace, ends: readonly number[]): RunDigest {
  const sha = createSha256();
  const k = groupSize(ends.length);
  let actions = '';
  let i = 0;
  for (let u = 0; u < ends.length; u++) {
    for (; i < ends[u]; i++)
      sha.update(
        canonicalLine({
          seq: i,
          action: trace.actionOf(i),
          fn: trace.fnOf(i),
          text: trace.textOf(i),
        }),
      );
    if ((u + 1) % k === 0 || u === ends.length - 1) actions += digestChar(sha.hex());
  }
  return { h: sha.hex().slice(0, 8), actions };
}
