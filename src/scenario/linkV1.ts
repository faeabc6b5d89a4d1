// The v1 link payload: the scenario as positional JSON tuples, then lz-string. Short links
// matter (they go in chat messages and slides), and for scenarios of a few actions
// field names would dominate: `{"op":"migrate_to_device","device":"gpu0",…}` becomes `[7,0,0,8]`.
//
//   root    = [config, actions, title?, description?]   (absent → null, trailing nulls dropped)
//   config  = 0 for DEFAULT_CONFIG, else [hostFrames, name, frames, name, frames, …]
//   action  = [opIndex, …the op's FIELDS in order]; device = index into config.devices,
//             prot = index into PROTS, shared = 0|1, interleave = a nested action.
//
// FROZEN: v1 links exist in the wild. Never reorder or change V1_OPS, PROTS or FIELDS; a new
// field or op needs a v2 codec (keep this one in LINK_DECODERS).
import { DEFAULT_CONFIG, SCENARIO_FORMAT, type Action, type Scenario } from './types.ts';

const V1_OPS = [
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
] as const;
const PROTS = ['none', 'r', 'rw'] as const;

const DEV_RANGE = ['device', 'start', 'count', 'pid'];
const FIELDS: Record<(typeof V1_OPS)[number], readonly string[]> = {
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
};

type Tuple = unknown[];

function trim(t: Tuple): Tuple {
  let n = t.length;
  while (n > 0 && t[n - 1] === null) n--;
  return t.slice(0, n);
}

function isDefaultConfig(s: Scenario): boolean {
  return JSON.stringify(s.config) === JSON.stringify(DEFAULT_CONFIG);
}

export function toTuples(s: Scenario): Tuple {
  const names = s.config.devices.map((d) => d.name);
  const config = isDefaultConfig(s)
    ? 0
    : [s.config.hostFrames, ...s.config.devices.flatMap((d) => [d.name, d.frames])];
  const actions = s.actions.map((a) => actionToTuple(a, names));
  return trim([config, actions, s.title ?? null, s.description ?? null]);
}

function actionToTuple(a: Action, names: string[]): Tuple {
  const rec = a as unknown as Record<string, unknown>;
  const op = a.op as (typeof V1_OPS)[number];
  const out: Tuple = [V1_OPS.indexOf(op)];
  for (const f of FIELDS[op]) {
    const v = rec[f];
    if (v === undefined) out.push(null);
    else if (f === 'device') out.push(names.indexOf(v as string));
    else if (f === 'prot') out.push(PROTS.indexOf(v as (typeof PROTS)[number]));
    else if (f === 'shared') out.push(v ? 1 : 0);
    else if (f === 'interleave') out.push(actionToTuple(v as Action, names));
    else out.push(v);
  }
  return trim(out);
}

/** Back to the public JSON shape; parseScenario validates the result. Throws on garbage. */
export function fromTuples(root: unknown): unknown {
  if (!Array.isArray(root) || root.length < 2 || root.length > 4) throw new Error('root');
  const [config, actions, title, description] = root as unknown[];
  let cfg: Scenario['config'];
  if (config === 0) cfg = structuredClone(DEFAULT_CONFIG);
  else if (Array.isArray(config) && config.length % 2 === 1 && config.length <= 9) {
    const devices = [];
    for (let i = 1; i < config.length; i += 2)
      devices.push({ name: config[i] as string, frames: config[i + 1] as number });
    cfg = { hostFrames: config[0] as number, devices };
  } else throw new Error('config');
  if (!Array.isArray(actions)) throw new Error('actions');
  const names = cfg.devices.map((d) => d.name);
  return {
    format: SCENARIO_FORMAT,
    ...(title !== undefined && title !== null && { title }),
    ...(description !== undefined && description !== null && { description }),
    config: cfg,
    actions: actions.map((t) => tupleToAction(t, names, 0)),
  };
}

function tupleToAction(t: unknown, names: string[], depth: number): Record<string, unknown> {
  if (!Array.isArray(t) || depth > 1) throw new Error('action');
  const op = V1_OPS[t[0] as number];
  if (typeof t[0] !== 'number' || op === undefined) throw new Error('op');
  const fields = FIELDS[op];
  if (t.length > fields.length + 1) throw new Error('fields');
  const out: Record<string, unknown> = { op };
  fields.forEach((f, k) => {
    const v: unknown = t[k + 1];
    if (v === undefined || v === null) return;
    if (f === 'device') out.device = pick(names, v);
    else if (f === 'prot') out.prot = pick(PROTS, v);
    else if (f === 'shared') out.shared = pick([false, true], v);
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
