// The invariants of shared/hmm-model.md, checked on the world between actions.
import { pageValue, ptKey, ptKeyPage, ptKeyPid, type World } from './state.ts';

export interface InvariantFailure {
  invariant: number;
  message: string;
}

export function checkInvariants(w: World): InvariantFailure[] {
  const out: InvariantFailure[] = [];
  const fail = (invariant: number, message: string) => out.push({ invariant, message });
  const devRefs = w.devices.map((d) => new Array<number>(d.frames.length).fill(0));
  const hostMaps = new Array<number>(w.hostFrames.length).fill(0);
  const hostMirrored = new Array<boolean>(w.hostFrames.length).fill(false);
  const cachedFrames = new Set(Object.values(w.shmemPages));

  for (const pid in w.procs) {
    const pages = w.procs[pid].pages;
    for (const key in pages) {
      const v = pages[key];
      const where = `pid ${pid} page ${key}`;
      if (v.state === 'migration') fail(4, `${where} is still a migration entry`);
      if (v.state === 'device-private') devRefs[v.dev][v.frame]++;
      if (v.state === 'present' || v.state === 'device-exclusive') hostMaps[v.frame]++;
      const expected = w.expect[ptKey(Number(pid), Number(key))] ?? 0;
      const value = pageValue(w, Number(pid), Number(key), v);
      if (value !== expected) fail(5, `${where} holds ${value} but ${expected} was written last`);
    }
  }

  w.devices.forEach((d, dev) => {
    d.frames.forEach((p, f) => {
      const refs = devRefs[dev][f];
      if (p.locked) fail(4, `${d.name} frame ${f} is still locked`);
      if (p.ref === 0 && (p.zdd !== null || refs > 0))
        fail(
          1,
          `${d.name} frame ${f} is on the free list but still ${refs ? 'mapped' : 'has zone_device_data'}`,
        );
      if (p.ref > 0 && (p.ref !== refs + p.pins || p.zdd === null))
        fail(
          1,
          `${d.name} frame ${f} has refcount ${p.ref} but ${refs} CPU entries and ${p.pins} pins point at it`,
        );
    });
    for (const key in d.pt) {
      const e = d.pt[key];
      const pid = ptKeyPid(Number(key));
      const page = ptKeyPage(Number(key));
      const v = w.procs[pid]?.pages[page];
      const where = `${d.name} PTE for pid ${pid} page ${page}`;
      let ok = false;
      if (v && e.target === 'zero') ok = v.state === 'zero';
      else if (v && e.target === 'dev')
        ok = v.state === 'device-private' && v.dev === dev && v.frame === e.frame;
      else if (v && e.target === 'host') {
        ok = (v.state === 'present' || v.state === 'device-exclusive') && v.frame === e.frame;
        if (ok) hostMirrored[e.frame] = true;
      }
      if (!ok) fail(3, `${where} outlived the CPU mapping it mirrors`);
      else if (e.writable && !v!.writable) fail(3, `${where} is writable but the CPU entry is not`);
      if (e.atomic && !(v?.state === 'device-exclusive' && v.dev === dev))
        fail(3, `${where} is atomic but the CPU entry is not device-exclusive for ${d.name}`);
    }
  });

  w.hostFrames.forEach((p, f) => {
    if (p.locked) fail(4, `host frame ${f} is still locked`);
    if (p.ref === 0 && hostMaps[f] > 0) fail(2, `host frame ${f} is free but still mapped`);
    if (p.ref > 0 && hostMaps[f] === 0 && !hostMirrored[f] && !cachedFrames.has(f) && !p.pins)
      fail(2, `host frame ${f} is in use but nothing maps, caches or pins it`);
    if (p.pins > 0 && p.ref === 0) fail(7, `host frame ${f} is pinned but free`);
    if (p.ref > 0 && p.map !== hostMaps[f])
      fail(2, `host frame ${f} has mapcount ${p.map} but ${hostMaps[f]} PTEs map it`);
  });
  return out;
}
