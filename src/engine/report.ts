// The state part of the CLI's result document (pages, devices, hostFrames, counters), built in
// the documented key order.
import type { DeviceReport, PageReport } from './result.ts';
import { pageValue, ptKeyPage, ptKeyPid, type World } from './state.ts';

const byNumber = (a: number, b: number) => a - b;

export function reportPages(w: World): PageReport[] {
  const out: PageReport[] = [];
  for (const pid of Object.keys(w.procs).map(Number).sort(byNumber)) {
    const pages = w.procs[pid].pages;
    for (const page of Object.keys(pages).map(Number).sort(byNumber)) {
      const v = pages[page];
      const cpu = v.state === 'migration' ? 'present' : v.state;
      const location =
        cpu === 'none' ? 'none' : cpu === 'device-private' ? w.devices[v.dev].name : 'host';
      const value = pageValue(w, pid, page, v);
      out.push({ pid, page, cpu, writable: v.writable, location, value });
    }
  }
  return out;
}

export function reportDevices(w: World): DeviceReport[] {
  return w.devices.map((d) => ({
    name: d.name,
    frames: d.size,
    free: d.frames.filter((p) => p.ref === 0).length,
    pageTable: Object.keys(d.pt)
      .map(Number)
      .sort(byNumber)
      .map((key) => {
        const e = d.pt[key];
        return {
          pid: ptKeyPid(key),
          page: ptKeyPage(key),
          target: e.target === 'dev' ? d.name : 'host',
          writable: e.writable,
          atomic: e.atomic,
          frame: e.target === 'zero' ? ('zero' as const) : e.frame,
        };
      }),
    seq: d.seq,
    allocated: d.frames.flatMap((p, frame) =>
      p.ref > 0 ? [{ frame, zoneDeviceData: p.zdd ?? '', value: p.value }] : [],
    ),
  }));
}

export function reportHostFrames(w: World) {
  return { total: w.hostFrames.length, free: w.hostFrames.filter((p) => p.ref === 0).length };
}
