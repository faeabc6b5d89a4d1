// The invariants of shared/hmm-model.md, checked on the world between actions.
import {
  frameCode,
  frameCodeLoc,
  pageValue,
  pinHandleCount,
  pinHandleLongterm,
  pinKey,
  ptKey,
  ptKeyPage,
  ptKeyPid,
  type World,
} from './state.ts';
import { checkSvm } from './svm/invariants.ts';

export interface InvariantFailure {
  invariant: number;
  message: string;
}

export function checkInvariants(w: World): InvariantFailure[] {
  const out: InvariantFailure[] = [];
  const fail = (invariant: number, message: string) => out.push({ invariant, message });
  const devRefs = w.devices.map((d) => new Array<number>(d.frames.length).fill(0));
  const hostMaps = new Array<number>(w.hostFrames.length).fill(0);
  const cachedFrames = new Set(Object.values(w.shmemPages));

  for (const pid in w.procs) {
    const pages = w.procs[pid].pages;
    for (const key in pages) {
      const v = pages[key];
      const where = `pid ${pid} page ${key}`;
      if (v.state === 'migration') fail(4, `${where} is still a migration entry`);
      if (v.state === 'device-private') {
        devRefs[v.dev][v.frame]++;
        if (w.devices[v.dev].memory !== 'private')
          fail(6, `${where} is device-private but ${w.devices[v.dev].name}'s memory is coherent`);
      }
      if (v.state === 'present' || v.state === 'device-exclusive') {
        if (v.loc < 0) hostMaps[v.frame]++;
        else {
          devRefs[v.loc][v.frame]++;
          if (w.devices[v.loc].memory !== 'coherent')
            fail(
              6,
              `${where} is ${v.state} but points at private memory of ${w.devices[v.loc].name}`,
            );
        }
      }
      const expected = w.expect[ptKey(Number(pid), Number(key))] ?? 0;
      const value = pageValue(w, Number(pid), Number(key), v);
      if (value !== expected) fail(5, `${where} holds ${value} but ${expected} was written last`);
    }
  }

  w.devices.forEach((d, dev) => {
    d.frames.forEach((p, f) => {
      const refs = devRefs[dev][f];
      if (p.locked) fail(4, `${d.name} frame ${f} is still locked`);
      if (p.pins > 0 && (p.ref === 0 || d.memory === 'private'))
        fail(
          7,
          `${d.name} frame ${f} has ${p.pins} pins but is ${p.ref === 0 ? 'free' : 'device-private'}`,
        );
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
        ok =
          v.frame === e.frame &&
          (v.state === 'device-private'
            ? v.dev === dev && e.loc === dev
            : (v.state === 'present' || v.state === 'device-exclusive') && v.loc === e.loc);
      else if (v && e.target === 'host')
        ok =
          (v.state === 'present' || v.state === 'device-exclusive') &&
          v.loc < 0 &&
          v.frame === e.frame;
      if (!ok) fail(3, `${where} outlived the CPU mapping it mirrors`);
      else if (e.writable && !v!.writable) fail(3, `${where} is writable but the CPU entry is not`);
      if (e.atomic && !(v?.state === 'device-exclusive' && v.dev === dev))
        fail(3, `${where} is atomic but the CPU entry is not device-exclusive for ${d.name}`);
    }
  });

  checkPins(w, fail);
  w.devices.forEach((d, dev) => {
    if (d.driver === 'svm') checkSvm(w, dev, fail);
  });

  w.hostFrames.forEach((p, f) => {
    if (p.locked) fail(4, `host frame ${f} is still locked`);
    if (p.ref === 0 && hostMaps[f] > 0) fail(2, `host frame ${f} is free but still mapped`);
    if (p.ref > 0 && hostMaps[f] === 0 && !cachedFrames.has(f) && !p.pins)
      fail(2, `host frame ${f} is in use but nothing maps, caches or pins it`);
    if (p.pins > 0 && p.ref === 0) fail(7, `host frame ${f} is pinned but free`);
    if (p.ref > 0 && p.map !== hostMaps[f])
      fail(2, `host frame ${f} has mapcount ${p.map} but ${hostMaps[f]} PTEs map it`);
  });
  return out;
}

/** Invariant 7: the handles account for every pin; a long-term pin holds host frames only. */
function checkPins(w: World, fail: (invariant: number, message: string) => void): void {
  // Only pin_user_pages gives frames pins, and it hands out a handle first.
  if (w.pinHandles[0] === undefined) return;
  const counted = new Map<number, number>();
  for (const key in w.pinHandles) {
    const handle = Number(key);
    if (handle === 0) continue;
    const entry = w.pinHandles[handle];
    for (let i = 0; i < pinHandleCount(entry); i++) {
      const code = w.pinFrames[pinKey(handle, i)];
      counted.set(code, (counted.get(code) ?? 0) + 1);
      if (pinHandleLongterm(entry) && frameCodeLoc(code) >= 0)
        fail(7, `long-term pin ${handle} holds a device frame`);
    }
  }
  const check = (loc: number, frame: number, pins: number, name: string) => {
    const n = counted.get(frameCode(loc, frame)) ?? 0;
    if (n !== pins) fail(7, `${name} frame ${frame} has ${pins} pins but the handles hold ${n}`);
  };
  w.hostFrames.forEach((p, f) => check(-1, f, p.pins, 'host'));
  w.devices.forEach((d, dev) => d.frames.forEach((p, f) => check(dev, f, p.pins, d.name)));
}
