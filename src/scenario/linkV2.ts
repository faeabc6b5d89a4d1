// The v2 link payload, for "hmm-lab/scenario@2": v1's positional tuples (linkV1.ts) with the
// @2 additions. A @1 scenario keeps getting v1 links, so every link made before stays the same.
//
//   root    = [config, actions, title?, description?]   (absent → null, trailing nulls dropped)
//   config  = 0 for DEFAULT_CONFIG, else [hostFrames, device, device, …]
//   device  = [name, frames, memory?, driver?, chunk?]   (memory/driver = index, null = absent)
//   action  = [opIndex, …the op's FIELDS in order], as in v1; `longterm` = 0|1.
//
// FROZEN once shipped, like v1: append ops and fields, never reorder.
import {
  DEFAULT_CONFIG,
  SCENARIO_FORMAT_V2,
  type Action,
  type DeviceConfig,
  type Scenario,
} from './types.ts';

const OPS = [
  'mmap',
  'munmap',
  'mprotect',
  'cpu_read',
  'cpu_write',
  'dev_read',
  'dev_write',
  'migrate_to_device',
  'migrate_to_host',
  'release',
  'make_exclusive',
  'check_exclusive',
  'snapshot',
  'fail_next_alloc',
  'fork',
  'pin',
  'unpin',
] as const;
type V2Op = (typeof OPS)[number];
const PROTS = ['none', 'r', 'rw'] as const;
const MEMORY = ['private', 'coherent'] as const;
const DRIVER = ['dmirror', 'svm'] as const;

const DEV_RANGE = ['device', 'start', 'count', 'pid'];
const FIELDS: Record<V2Op, readonly string[]> = {
  mmap: ['start', 'count', 'prot', 'shared', 'pid'],
  munmap: ['start', 'count', 'pid'],
  mprotect: ['start', 'count', 'prot', 'pid'],
  cpu_read: ['start', 'count', 'pid'],
  cpu_write: ['start', 'count', 'value', 'values', 'pid'],
  dev_read: ['device', 'start', 'count', 'interleave', 'pid'],
  dev_write: ['device', 'start', 'count', 'value', 'values', 'interleave', 'pid'],
  migrate_to_device: DEV_RANGE,
  migrate_to_host: DEV_RANGE,
  release: ['device', 'pid'],
  make_exclusive: DEV_RANGE,
  check_exclusive: DEV_RANGE,
  snapshot: DEV_RANGE,
  fail_next_alloc: ['device', 'pid'],
  fork: ['pid'],
  pin: ['start', 'count', 'longterm', 'pid'],
  unpin: ['pin', 'pid'],
};
const BOOLEANS = new Set(['shared', 'longterm']);

type Tuple = unknown[];

function trim(t: Tuple): Tuple {
  let n = t.length;
  while (n > 0 && t[n - 1] === null) n--;
  return t.slice(0, n);
}

const index = <T>(list: readonly T[], v: T | undefined) =>
  v === undefined ? null : list.indexOf(v);

export function toTuplesV2(s: Scenario): Tuple {
  const names = s.config.devices.map((d) => d.name);
  const config =
    JSON.stringify(s.config) === JSON.stringify(DEFAULT_CONFIG)
      ? 0
      : [
          s.config.hostFrames,
          ...s.config.devices.map((d) =>
            trim([
              d.name,
              d.frames,
              index(MEMORY, d.memory),
              index(DRIVER, d.driver),
              d.chunk ?? null,
            ]),
          ),
        ];
  const actions = s.actions.map((a) => actionToTuple(a, names));
  return trim([config, actions, s.title ?? null, s.description ?? null]);
}

function actionToTuple(a: Action, names: string[]): Tuple {
  const rec = a as unknown as Record<string, unknown>;
  const out: Tuple = [OPS.indexOf(a.op)];
  for (const f of FIELDS[a.op]) {
    const v = rec[f];
    if (v === undefined) out.push(null);
    else if (f === 'device') out.push(names.indexOf(v as string));
    else if (f === 'prot') out.push(PROTS.indexOf(v as (typeof PROTS)[number]));
    else if (BOOLEANS.has(f)) out.push(v ? 1 : 0);
    else if (f === 'interleave') out.push(actionToTuple(v as Action, names));
    else out.push(v);
  }
  return trim(out);
}

/** Back to the public JSON shape; parseScenario validates the result. Throws on garbage. */
export function fromTuplesV2(root: unknown): unknown {
  if (!Array.isArray(root) || root.length < 2 || root.length > 4) throw new Error('root');
  const [config, actions, title, description] = root as unknown[];
  let cfg: { hostFrames: unknown; devices: { name?: unknown }[] };
  if (config === 0) cfg = structuredClone(DEFAULT_CONFIG);
  else if (Array.isArray(config) && config.length >= 2 && config.length <= 5) {
    const devices = config.slice(1).map(deviceFromTuple);
    cfg = { hostFrames: config[0], devices };
  } else throw new Error('config');
  if (!Array.isArray(actions)) throw new Error('actions');
  const names = cfg.devices.map((d) => d.name as string);
  return {
    format: SCENARIO_FORMAT_V2,
    ...(title !== undefined && title !== null && { title }),
    ...(description !== undefined && description !== null && { description }),
    config: cfg,
    actions: actions.map((t) => tupleToAction(t, names, 0)),
  };
}

function deviceFromTuple(t: unknown): Record<string, unknown> {
  if (!Array.isArray(t) || t.length < 2 || t.length > 5) throw new Error('device');
  const [name, frames, memory, driver, chunk] = t as unknown[];
  const d: Partial<Record<keyof DeviceConfig, unknown>> = { name, frames };
  if (memory !== undefined && memory !== null) d.memory = pick(MEMORY, memory);
  if (driver !== undefined && driver !== null) d.driver = pick(DRIVER, driver);
  if (chunk !== undefined && chunk !== null) d.chunk = chunk;
  return d;
}

function tupleToAction(t: unknown, names: string[], depth: number): Record<string, unknown> {
  if (!Array.isArray(t) || depth > 1) throw new Error('action');
  const op = OPS[t[0] as number];
  if (typeof t[0] !== 'number' || op === undefined) throw new Error('op');
  const fields = FIELDS[op];
  if (t.length > fields.length + 1) throw new Error('fields');
  const out: Record<string, unknown> = { op };
  fields.forEach((f, k) => {
    const v: unknown = t[k + 1];
    if (v === undefined || v === null) return;
    if (f === 'device') out.device = pick(names, v);
    else if (f === 'prot') out.prot = pick(PROTS, v);
    else if (BOOLEANS.has(f)) out[f] = pick([false, true], v);
    else if (f === 'interleave') out.interleave = tupleToAction(v, names, depth + 1);
    else out[f] = v;
  });
  return out;
}

function pick<T>(list: readonly T[], i: unknown): T {
  if (typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i >= list.length)
    throw new Error('index');
  return list[i];
}
