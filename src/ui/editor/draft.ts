// The editor's working copy: a scenario that may be invalid while the user types. Pure edits;
// validation is parseScenario's job, so a draft holds whatever the user entered.
import { usesV2, withFormatFor } from '../../scenario/formatFor.ts';
import { SCENARIO_FORMAT, type Op, type Scenario } from '../../scenario/types.ts';

export type DraftAction = Record<string, unknown> & { op: string };

export interface DraftDevice {
  name: unknown;
  frames?: unknown;
  /** @2: "private" (the default, left out) or "coherent". */
  memory?: unknown;
  /** @2: "dmirror" (the default, left out) or "svm". */
  driver?: unknown;
  /** @2, svm only: the largest GPU SVM range in pages (default 4, left out). */
  chunk?: unknown;
}

export interface Draft {
  format: string;
  title?: string;
  description?: string;
  config: { hostFrames?: unknown; devices: DraftDevice[] };
  actions: DraftAction[];
}

export function toDraft(s: Scenario): Draft {
  return JSON.parse(JSON.stringify(s)) as Draft;
}

/** The fields each op takes, in form order (pid, optional for every op, comes last). */
export const OP_FIELDS: Record<Op, readonly string[]> = {
  mmap: ['start', 'count', 'prot', 'shared'],
  munmap: ['start', 'count'],
  mprotect: ['start', 'count', 'prot'],
  cpu_read: ['start', 'count'],
  cpu_write: ['start', 'count', 'value'],
  dev_read: ['device', 'start', 'count', 'interleave'],
  dev_write: ['device', 'start', 'count', 'value', 'interleave'],
  migrate_to_device: ['device', 'start', 'count'],
  migrate_to_host: ['device', 'start', 'count'],
  release: ['device'],
  make_exclusive: ['device', 'start', 'count'],
  check_exclusive: ['device', 'start', 'count'],
  snapshot: ['device', 'start', 'count'],
  fail_next_alloc: ['device'],
  fork: [],
  pin: ['start', 'count', 'longterm'],
  unpin: ['pin'],
};

export const OPS = Object.keys(OP_FIELDS) as Op[];

const KEEP = ['start', 'count', 'device', 'pid', 'prot', 'value', 'values', 'shared'];

/** A new action of `op`, keeping what still fits from `from` and filling what it needs. */
export function actionFor(op: Op, device: string, from: Record<string, unknown> = {}): DraftAction {
  const fields = OP_FIELDS[op];
  const a: DraftAction = { op };
  for (const k of KEEP) {
    const wanted =
      fields.includes(k) || k === 'pid' || (k === 'values' && fields.includes('value'));
    if (wanted && from[k] !== undefined) a[k] = from[k];
  }
  if (fields.includes('device') && a.device === undefined) a.device = device;
  if (fields.includes('start') && a.start === undefined) a.start = 0;
  if (fields.includes('prot') && a.prot === undefined) a.prot = 'rw';
  if (fields.includes('value') && a.value === undefined && a.values === undefined) a.value = 0;
  if (fields.includes('pin') && a.pin === undefined) a.pin = 1;
  return a;
}

const withActions = (d: Draft, actions: DraftAction[]): Draft => ({ ...d, actions });

export function addAction(d: Draft, op: Op, at = d.actions.length): Draft {
  const device = String(d.config.devices[0]?.name ?? 'gpu0');
  const actions = [...d.actions];
  actions.splice(at, 0, actionFor(op, device, d.actions[at - 1]));
  return withActions(d, actions);
}

export function removeAction(d: Draft, i: number): Draft {
  return withActions(
    d,
    d.actions.filter((_, k) => k !== i),
  );
}

export function moveAction(d: Draft, i: number, delta: -1 | 1): Draft {
  const j = i + delta;
  if (j < 0 || j >= d.actions.length) return d;
  const actions = [...d.actions];
  [actions[i], actions[j]] = [actions[j], actions[i]];
  return withActions(d, actions);
}

/** Set one field; `undefined` removes it (an optional field left empty). */
export function setField(d: Draft, i: number, key: string, value: unknown): Draft {
  const a: DraftAction = { ...d.actions[i] };
  if (value === undefined) delete a[key];
  else a[key] = value;
  return withActions(
    d,
    d.actions.map((x, k) => (k === i ? a : x)),
  );
}

export function changeOp(d: Draft, i: number, op: Op): Draft {
  const device = String(d.config.devices[0]?.name ?? 'gpu0');
  return withActions(
    d,
    d.actions.map((x, k) => (k === i ? actionFor(op, device, x) : x)),
  );
}

const withDevices = (d: Draft, devices: DraftDevice[]): Draft => ({
  ...d,
  config: { ...d.config, devices },
});

export function addDevice(d: Draft): Draft {
  const names = new Set(d.config.devices.map((x) => x.name));
  let n = d.config.devices.length;
  while (names.has(`gpu${n}`)) n++;
  return withDevices(d, [...d.config.devices, { name: `gpu${n}`, frames: 32 }]);
}

export function removeDevice(d: Draft, i: number): Draft {
  return withDevices(
    d,
    d.config.devices.filter((_, k) => k !== i),
  );
}

export function setDeviceFrames(d: Draft, i: number, frames: unknown): Draft {
  return withDevices(
    d,
    d.config.devices.map((x, k) => (k === i ? { ...x, frames } : x)),
  );
}

/** MEMORY_DEVICE_PRIVATE is the default: the field is left out, so a @1 draft stays @1. */
export function setDeviceMemory(d: Draft, i: number, memory: 'private' | 'coherent'): Draft {
  return withDevices(
    d,
    d.config.devices.map((x, k) => {
      if (k !== i) return x;
      const next: DraftDevice = { ...x, memory };
      if (memory === 'private') delete next.memory;
      return next;
    }),
  );
}

/**
 * The driver personality. dmirror is the default (the field is left out, so a @1 draft stays
 * @1); `chunk` belongs to svm alone, so it goes when the device goes back to dmirror.
 */
export function setDeviceDriver(d: Draft, i: number, driver: 'dmirror' | 'svm'): Draft {
  return withDevices(
    d,
    d.config.devices.map((x, k) => {
      if (k !== i) return x;
      const next: DraftDevice = { ...x, driver };
      if (driver === 'dmirror') {
        delete next.driver;
        delete next.chunk;
      }
      return next;
    }),
  );
}

/** An empty chunk field means the default (4 pages): the field is left out. */
export function setDeviceChunk(d: Draft, i: number, chunk: unknown): Draft {
  return withDevices(
    d,
    d.config.devices.map((x, k) => {
      if (k !== i) return x;
      const next: DraftDevice = { ...x, chunk };
      if (chunk === undefined) delete next.chunk;
      return next;
    }),
  );
}

/**
 * The format an edited draft needs: a draft of a @1 scenario becomes @2 while it uses a @2
 * field or op, and goes back to @1 once it no longer does (so its link is `#v1.` again).
 */
export function withDraftFormat(base: string, d: Draft): Draft {
  if (base !== SCENARIO_FORMAT) return d;
  if (usesV2(d)) return withFormatFor(d);
  return d.format === SCENARIO_FORMAT ? d : { ...d, format: SCENARIO_FORMAT };
}

/** Rename a device and every action (and interleave) that names it. */
export function renameDevice(d: Draft, i: number, name: string): Draft {
  const old = d.config.devices[i]?.name;
  const rename = (a: Record<string, unknown>): DraftAction => {
    const out = { ...a } as DraftAction;
    if (out.device === old) out.device = name;
    if (out.interleave && typeof out.interleave === 'object')
      out.interleave = rename(out.interleave as Record<string, unknown>);
    return out;
  };
  const next = withDevices(
    d,
    d.config.devices.map((x, k) => (k === i ? { ...x, name } : x)),
  );
  return withActions(next, next.actions.map(rename));
}
