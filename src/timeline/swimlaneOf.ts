// The swim-lane of a timeline: feeds buildSwimlane what each waypoint is and what it touched.
import type { Change } from '../engine/trace.ts';
import { buildSwimlane, type SwimlaneData } from './callSpans.ts';
import type { Timeline } from './timeline.ts';

const devIndex = (c: Change): number =>
  c.k === 'dpage' || c.k === 'dpte' || c.k === 'seq' || c.k === 'flag' ? c.dev : -1;

export function swimlaneOf(t: Timeline): SwimlaneData {
  const { scenario } = t;
  const devices = scenario.config.devices.map((d) => d.name);
  const calls = Array.from({ length: t.count }, (_, i) => t.call(i));
  const touched = new Int16Array(t.count).fill(-1);
  const zdd = new Uint8Array(t.count);
  for (let i = 0; i < t.count; i++) {
    for (const c of t.changes(i)) {
      if (touched[i] < 0) touched[i] = devIndex(c);
      if (c.k === 'dpage' && c.after?.zdd && c.after.zdd !== c.before?.zdd) zdd[i] = 1;
    }
  }
  return buildSwimlane({
    count: t.count,
    devices,
    fn: (i) => calls[i].fn,
    path: (i) => calls[i].path,
    action: (i) => calls[i].action,
    device(i) {
      if (touched[i] >= 0) return devices[touched[i]];
      const a = scenario.actions[calls[i].action];
      return a && 'device' in a ? a.device : undefined;
    },
    setsZdd: (i) => zdd[i] === 1,
  });
}
