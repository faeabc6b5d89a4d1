// Replays (or rewinds) the changes of waypoints onto a world: the timeline's seek.
import type { World } from './state.ts';
import type { Change } from './trace.ts';

export function applyChange(w: World, ch: Change, forward: boolean): void {
  switch (ch.k) {
    case 'pte': {
      const v = forward ? ch.after : ch.before;
      const pages = w.procs[ch.pid].pages;
      if (v) pages[ch.page] = v;
      else delete pages[ch.page];
      return;
    }
    case 'host':
      w.hostFrames[ch.frame] = forward ? ch.after : ch.before;
      return;
    case 'dpage': {
      const v = forward ? ch.after : ch.before;
      const frames = w.devices[ch.dev].frames;
      if (v) frames[ch.frame] = v;
      else frames.length = Math.min(frames.length, ch.frame);
      return;
    }
    case 'dpte': {
      const v = forward ? ch.after : ch.before;
      const pt = w.devices[ch.dev].pt;
      if (v) pt[ch.key] = v;
      else delete pt[ch.key];
      return;
    }
    case 'seq':
      w.devices[ch.dev].seq = forward ? ch.after : ch.before;
      return;
    case 'flag':
      w.devices[ch.dev].failNextAlloc = forward ? ch.after : ch.before;
      return;
    case 'ctr':
      w.counters[ch.name] += forward ? ch.by : -ch.by;
      return;
    case 'expect': {
      const v = forward ? ch.after : ch.before;
      if (v === undefined) delete w.expect[ch.key];
      else w.expect[ch.key] = v;
      return;
    }
    case 'proc':
      if (ch.add === forward) w.procs[ch.pid] = { pid: ch.pid, pages: {} };
      else delete w.procs[ch.pid];
      return;
  }
}

export function applyChanges(w: World, changes: readonly Change[], forward: boolean): void {
  if (forward) for (let i = 0; i < changes.length; i++) applyChange(w, changes[i], true);
  else for (let i = changes.length - 1; i >= 0; i--) applyChange(w, changes[i], false);
}
