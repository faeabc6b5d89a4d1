// Move the shown world one waypoint using that waypoint's recorded changes (the timeline's
// own replay, as in seek): no kernel logic, just before/after records. Copy-on-write, so
// every record that did not change keeps its identity and memoised cells skip re-rendering.
import type { World } from '../../engine/state.ts';
import type { Change } from '../../engine/trace.ts';

export function replay(w: World, changes: readonly Change[], forward: boolean): World {
  const out: World = { ...w };
  let procs = w.procs;
  let hostFrames = w.hostFrames;
  const devices = w.devices.slice();
  const devCopied = new Set<number>();
  const dev = (d: number) => {
    if (!devCopied.has(d)) {
      devCopied.add(d);
      devices[d] = { ...devices[d], frames: devices[d].frames.slice(), pt: { ...devices[d].pt } };
    }
    return devices[d];
  };
  const pagesCopied = new Set<number>();
  const pages = (pid: number) => {
    if (procs === w.procs) procs = { ...w.procs };
    if (!pagesCopied.has(pid)) {
      pagesCopied.add(pid);
      procs[pid] = { ...procs[pid], pages: { ...procs[pid].pages } };
    }
    return procs[pid].pages;
  };
  const list = forward ? changes : [...changes].reverse();
  for (const ch of list) {
    switch (ch.k) {
      case 'pte': {
        const v = forward ? ch.after : ch.before;
        const p = pages(ch.pid);
        if (v) p[ch.page] = v;
        else delete p[ch.page];
        break;
      }
      case 'host':
        if (hostFrames === w.hostFrames) hostFrames = w.hostFrames.slice();
        hostFrames[ch.frame] = forward ? ch.after : ch.before;
        break;
      case 'dpage': {
        const v = forward ? ch.after : ch.before;
        const frames = dev(ch.dev).frames;
        if (v) frames[ch.frame] = v;
        else frames.length = Math.min(frames.length, ch.frame);
        break;
      }
      case 'dpte': {
        const v = forward ? ch.after : ch.before;
        const pt = dev(ch.dev).pt;
        if (v) pt[ch.key] = v;
        else delete pt[ch.key];
        break;
      }
      case 'seq':
        dev(ch.dev).seq = forward ? ch.after : ch.before;
        break;
      case 'flag':
        dev(ch.dev).failNextAlloc = forward ? ch.after : ch.before;
        break;
      case 'ctr':
        if (out.counters === w.counters) out.counters = { ...w.counters };
        out.counters[ch.name] += forward ? ch.by : -ch.by;
        break;
      case 'expect':
      case 'shmem':
      case 'shmemPages':
      case 'pinFrames':
      case 'pinHandles':
      case 'svmRanges':
      case 'svmChunks':
      case 'svmChunkOf':
      case 'svmHeld': {
        if (out[ch.k] === w[ch.k]) out[ch.k] = { ...w[ch.k] };
        const v = forward ? ch.after : ch.before;
        if (v === undefined) delete out[ch.k][ch.key];
        else out[ch.k][ch.key] = v;
        break;
      }
      case 'proc':
        if (procs === w.procs) procs = { ...w.procs };
        if (ch.add === forward) procs[ch.pid] = { pid: ch.pid, pages: {} };
        else delete procs[ch.pid];
        pagesCopied.add(ch.pid);
        break;
    }
  }
  out.procs = procs;
  out.hostFrames = hostFrames;
  out.devices = devCopied.size ? devices : w.devices;
  return out;
}
