// The swim-lane of a timeline: feeds buildSwimlane what each waypoint is (its fn, layer,
// subject device and call path) and whether it writes a device page's zone_device_data.
import { buildSwimlane, type SwimlaneData } from './callSpans.ts';
import type { Timeline } from './timeline.ts';

export function swimlaneOf(t: Timeline): SwimlaneData {
  const calls = Array.from({ length: t.count }, (_, i) => t.call(i));
  const zdd = new Uint8Array(t.count);
  for (let i = 0; i < t.count; i++)
    if (calls[i].layer.startsWith('driver:'))
      for (const c of t.changes(i))
        if (c.k === 'dpage' && c.after?.zdd && c.after.zdd !== c.before?.zdd) zdd[i] = 1;
  return buildSwimlane({
    count: t.count,
    devices: t.scenario.config.devices.map((d) => d.name),
    fn: (i) => calls[i].fn,
    path: (i) => calls[i].path,
    action: (i) => calls[i].action,
    layer: (i) => calls[i].layer,
    device: (i) => calls[i].device,
    setsZdd: (i) => zdd[i] === 1,
  });
}
