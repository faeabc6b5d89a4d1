// Level of detail for point-like marks (event markers, arrows): at most one per few pixels,
// found by jumping ahead with a binary search, so a frame never walks all 100k of them.
import type { SwimlaneData } from '../../timeline/callSpans.ts';
import type { TimelineSummary } from '../../timeline/types.ts';
import type { View } from './paint.ts';

/** First k in [lo, hi) with a[k] >= x (a sorted). */
export function lowerBound(a: ArrayLike<number>, x: number, lo = 0, hi = a.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Visits the seqs in [i0, i1] at least `gap` pixels apart: k is the position in seqs. */
export function walkSparse(
  seqs: Int32Array,
  i0: number,
  i1: number,
  v: View,
  gap: number,
  visit: (k: number, x: number) => void,
) {
  let k = lowerBound(seqs, i0);
  while (k < seqs.length && seqs[k] <= i1) {
    const x = v.x(seqs[k]);
    visit(k, x);
    k = Math.max(k + 1, lowerBound(seqs, Math.ceil(v.inv(x + gap)), k + 1));
  }
}

const markerCache = new WeakMap<TimelineSummary, Map<string, Int32Array>>();

/** The run's markers, one sorted seq array per kind. */
export function markersByKind(s: TimelineSummary): Map<string, Int32Array> {
  let m = markerCache.get(s);
  if (m) return m;
  const lists = new Map<string, number[]>();
  for (const { seq, kind } of s.markers) {
    let l = lists.get(kind);
    if (!l) lists.set(kind, (l = []));
    l.push(seq);
  }
  m = new Map([...lists].map(([k, l]) => [k, Int32Array.from(l)]));
  markerCache.set(s, m);
  return m;
}

export interface CrossingGroup {
  /** Crossing indices (into d.x*) of one kind between one pair of rows, and their seqs. */
  js: Int32Array;
  seqs: Int32Array;
}
const crossingCache = new WeakMap<SwimlaneData, CrossingGroup[]>();

export function crossingGroups(d: SwimlaneData): CrossingGroup[] {
  let g = crossingCache.get(d);
  if (g) return g;
  const groups = new Map<string, number[]>();
  for (let j = 0; j < d.xSeq.length; j++) {
    const key = `${d.xKind[j]} ${d.xFrom[j]} ${d.xFromLevel[j]} ${d.xTo[j]} ${d.xToLevel[j]}`;
    let l = groups.get(key);
    if (!l) groups.set(key, (l = []));
    l.push(j);
  }
  g = [...groups.values()].map((js) => ({
    js: Int32Array.from(js),
    seqs: Int32Array.from(js, (j) => d.xSeq[j]),
  }));
  // Contract points last: drawn over the plain calls.
  g.sort((a, b) => d.xKind[a.js[0]] - d.xKind[b.js[0]]);
  crossingCache.set(d, g);
  return g;
}
