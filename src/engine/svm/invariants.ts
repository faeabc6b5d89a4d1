// The svm invariants (hmm-model-v2.md 1, 3 and 8), checked between actions: a frame is in use
// iff a live chunk owns it; a range is mapped whole or not at all; every GPU PTE lies in a bound
// range; each live chunk owns `count` frames and holds at least one page. (That it backs one
// range can lapse as in the kernel: the garbage collector removes a partly unmapped range even
// when drm_gpusvm_range_evict could not bring its pages home, and the chunk lives on.)
import { ptKey, type World } from '../state.ts';
import { chunkFrames, chunkOfFrame, lruOf, rangeAt, rangesOf } from './state.ts';

export function checkSvm(w: World, dev: number, fail: (n: number, m: string) => void): void {
  const d = w.devices[dev];
  for (const r of rangesOf(w, dev)) {
    let mapped = 0;
    for (let p = r.start; p < r.start + r.count; p++) if (d.pt[ptKey(r.pid, p)]) mapped++;
    const at = `${d.name} range pid ${r.pid} pages ${r.start}–${r.start + r.count - 1}`;
    if (mapped !== 0 && mapped !== r.count)
      fail(3, `${at} has ${mapped} of its ${r.count} pages mapped: not the whole range`);
    if (r.bound !== (mapped === r.count))
      fail(3, `${at} is ${r.bound ? '' : 'not '}bound but ${mapped} pages are mapped`);
    if (r.unmapped) fail(4, `${at} is still marked unmapped: the garbage collector did not run`);
  }
  for (const k in d.pt) {
    const key = Number(k);
    const pid = Math.floor(key / 65536) + 1;
    const page = key % 65536;
    if (!rangeAt(w, dev, pid, page)?.bound)
      fail(3, `${d.name} maps pid ${pid} page ${page} outside any bound range`);
  }
  d.frames.forEach((p, f) => {
    if (p.ref > 0 && !chunkOfFrame(w, dev, f))
      fail(1, `${d.name} frame ${f} holds a page but belongs to no live chunk`);
  });
  for (const ch of lruOf(w, dev)) {
    const frames = chunkFrames(w, ch);
    const held = frames.filter((f) => d.frames[f].ref > 0).length;
    const at = `${d.name} chunk ${ch.id}`;
    if (frames.length !== ch.count)
      fail(8, `${at} owns ${frames.length} frames for ${ch.count} pages`);
    if (held === 0) fail(8, `${at} is live but holds no page`);
    if (w.svmHeld[ch.id] !== held)
      fail(8, `${at} counts ${w.svmHeld[ch.id]} pages but holds ${held}`);
  }
}
