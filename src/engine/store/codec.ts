// Records packed into numbers for the trace's change rows, and back. Every field is a small
// integer (frames, devices and ref counts are bounded by the scenario limits), so a VPage or
// DevPte fits one number exactly; host and device pages keep their 32-bit value apart.
import type { Prot } from '../../scenario/types.ts';
import type { CpuState, DevPage, DevPte, HostPage, VPage } from '../state.ts';

/** The code of an absent record (no VMA, no device PTE, a device frame not yet registered). */
export const NONE = -1;

const PROTS: readonly Prot[] = ['none', 'r', 'rw'];
const PROT_CODE: Record<Prot, number> = { none: 0, r: 1, rw: 2 };
const STATES: readonly CpuState[] = [
  'none',
  'zero',
  'present',
  'device-private',
  'device-exclusive',
  'migration',
];
const STATE_CODE: Record<CpuState, number> = {
  none: 0,
  zero: 1,
  present: 2,
  'device-private': 3,
  'device-exclusive': 4,
  migration: 5,
};
const TARGETS: readonly DevPte['target'][] = ['host', 'zero', 'dev'];
const TARGET_CODE: Record<DevPte['target'], number> = { host: 0, zero: 1, dev: 2 };

export function packVPage(v: VPage | null | undefined): number {
  if (!v) return NONE;
  const high = (((v.frame + 1) * 8 + (v.loc + 1)) * 8 + (v.dev + 1)) * 8 + STATE_CODE[v.state];
  return ((high * 4 + PROT_CODE[v.prot]) * 2 + (v.shared ? 1 : 0)) * 2 + (v.writable ? 1 : 0);
}

export function unpackVPage(n: number): VPage | null {
  if (n === NONE) return null;
  const writable = n % 2 === 1;
  n = Math.floor(n / 2);
  const shared = n % 2 === 1;
  n = Math.floor(n / 2);
  const prot = PROTS[n % 4];
  n = Math.floor(n / 4);
  const state = STATES[n % 8];
  n = Math.floor(n / 8);
  const dev = (n % 8) - 1;
  n = Math.floor(n / 8);
  const loc = (n % 8) - 1;
  const frame = Math.floor(n / 8) - 1;
  return { prot, shared, state, writable, frame, dev, loc };
}

// Pins travel with the page's value (value rows are doubles): a 33-bit value (−2^31 … 2^32−1)
// plus pins · 2^33, so an unpinned page's slot is its value unchanged.
const TWO31 = 2 ** 31;
const TWO33 = 2 ** 33;
/** The value slot of a host or device page: its value and its pins. */
export const packValue = (p: HostPage | DevPage): number => p.value + p.pins * TWO33;
const pinsOf = (slot: number): number => Math.floor((slot + TWO31) / TWO33);

// Reference and map counts get 20 bits each: a page shared by a million forks is beyond any
// scenario (100k actions at most).
const TWO20 = 2 ** 20;
const TWO40 = 2 ** 40;

/** ref, map and locked of a host page (its value travels in a second number). */
export const packHostMeta = (p: HostPage): number => p.ref + p.map * TWO20 + (p.locked ? TWO40 : 0);

export function unpackHostPage(meta: number, slot: number): HostPage {
  const pins = pinsOf(slot);
  return {
    ref: meta % TWO20,
    map: Math.floor(meta / TWO20) % TWO20,
    locked: meta >= TWO40,
    value: slot - pins * TWO33,
    pins,
  };
}

/** ref, locked and the interned zone_device_data string (`zdd` 0 = null, else id + 1). */
export const packDevMeta = (p: DevPage, zdd: number): number =>
  p.ref + (p.locked ? TWO20 : 0) + zdd * 2 * TWO20;

export function unpackDevPage(meta: number, slot: number, zddOf: (id: number) => string | null) {
  if (meta === NONE) return null;
  const pins = pinsOf(slot);
  const page: DevPage = {
    ref: meta % TWO20,
    zdd: zddOf(Math.floor(meta / (2 * TWO20))),
    locked: Math.floor(meta / TWO20) % 2 === 1,
    value: slot - pins * TWO33,
    pins,
  };
  return page;
}

export function packDevPte(p: DevPte | null | undefined): number {
  if (!p) return NONE;
  const high = ((p.frame + 1) * 8 + (p.loc + 1)) * 4 + TARGET_CODE[p.target];
  return high * 4 + (p.writable ? 2 : 0) + (p.atomic ? 1 : 0);
}

export function unpackDevPte(n: number): DevPte | null {
  if (n === NONE) return null;
  const target = TARGETS[Math.floor(n / 4) % 4];
  const high = Math.floor(n / 16);
  return {
    target,
    frame: Math.floor(high / 8) - 1,
    writable: (n & 2) !== 0,
    atomic: (n & 1) !== 0,
    loc: (high % 8) - 1,
  };
}
