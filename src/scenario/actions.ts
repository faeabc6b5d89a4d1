// Validates one action: its op's strict schema, then the rules a schema cannot express
// (value xor values, values.length = count, ranges inside the page space, declared devices,
// what may interleave, which ops a device's driver has).
import { ACTION_SCHEMAS, INTERLEAVE_OPS, INTERLEAVE_SCHEMAS, MAX_COUNT } from './actionSchemas.ts';
import { DMIRROR_ONLY } from './driverOps.ts';
import { formatIssue, issueAt, quote, type PathPart } from './issues.ts';
import { LIMITS, V2_OPS, deviceDriver, type Action, type DeviceConfig, type Op } from './types.ts';

/** What an action is checked against: the declared devices and the scenario's format. */
export interface ActionContext {
  devices: ReadonlyMap<string, DeviceConfig>;
  v2: boolean;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function hasOwn(o: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}

export function checkAction(raw: unknown, path: PathPart[], cx: ActionContext): Checked<Action> {
  return check(raw, path, cx, ACTION_SCHEMAS, null);
}

function check(
  raw: unknown,
  path: PathPart[],
  cx: ActionContext,
  schemas: Partial<Record<Op, (typeof ACTION_SCHEMAS)[Op]>>,
  parentDevice: string | null,
): Checked<Action> {
  if (!isRecord(raw)) return fail(path, 'must be an object');
  if (!hasOwn(raw, 'op')) return fail([...path, 'op'], 'is required');
  const op = raw.op;
  if (typeof op !== 'string') return fail([...path, 'op'], 'must be a string');
  if (!hasOwn(ACTION_SCHEMAS, op) || (!cx.v2 && V2_OPS.includes(op as Op)))
    return fail([...path, 'op'], `unknown op ${quote(op)}`);
  const schema = schemas[op as Op];
  if (!schema) {
    const allowed = INTERLEAVE_OPS.join(', ');
    return fail([...path, 'op'], `${op} cannot interleave (allowed: ${allowed})`);
  }
  if (hasOwn(raw, 'interleave') && op !== 'dev_read' && op !== 'dev_write') {
    const why =
      parentDevice === null
        ? 'only dev_read and dev_write may interleave'
        : 'interleave may not nest';
    return fail([...path, 'interleave'], why);
  }
  // Hostile sizes are refused before zod walks them element by element.
  if (Array.isArray(raw.values) && raw.values.length > MAX_COUNT)
    return fail([...path, 'values'], `must have at most ${MAX_COUNT} items`);

  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: formatIssue(path, parsed.error.issues[0], raw) };
  const action = parsed.data as Action & Record<string, unknown>;

  const rangeError = checkRange(action, path);
  if (rangeError) return { ok: false, error: rangeError };
  if ('device' in action) {
    const name = action.device as string;
    const declared = cx.devices.get(name);
    if (!declared)
      return fail([...path, 'device'], `${quote(name)} is not declared in config.devices`);
    if (name === parentDevice)
      return fail(
        [...path, 'device'],
        `must name a device other than ${quote(name)}: a driver skips its own notifier`,
      );
    if (deviceDriver(declared) === 'svm') {
      if (DMIRROR_ONLY.has(action.op))
        return fail([...path, 'device'], `${quote(name)} uses driver "svm", which has no ${op}`);
      if (parentDevice !== null)
        return fail(
          [...path, 'device'],
          `${quote(name)} uses driver "svm": an interleaved action may not name it`,
        );
      if (action.interleave !== undefined)
        return fail([...path, 'interleave'], 'not allowed on a device with driver "svm"');
    }
  }
  if (action.op === 'dev_read' || action.op === 'dev_write') {
    if (action.interleave !== undefined) {
      const inner = check(
        action.interleave,
        [...path, 'interleave'],
        cx,
        INTERLEAVE_SCHEMAS,
        action.device,
      );
      if (!inner.ok) return inner;
      (action as { interleave?: unknown }).interleave = inner.value;
    }
  }
  return { ok: true, value: action };
}

function checkRange(action: Record<string, unknown>, path: PathPart[]): string | null {
  const count = (action.count as number | undefined) ?? 1;
  if (typeof action.start === 'number' && action.start + count - 1 > LIMITS.maxPage) {
    const last = action.start + count - 1;
    return issueAt([...path, 'count'], `range ends at page ${last}, past page ${LIMITS.maxPage}`);
  }
  if (action.op === 'cpu_write' || action.op === 'dev_write') {
    const hasValue = action.value !== undefined;
    const values = action.values as number[] | undefined;
    if (hasValue === (values !== undefined))
      return issueAt(path, 'needs exactly one of value and values');
    if (values !== undefined && values.length !== count)
      return issueAt(
        [...path, 'values'],
        `has ${values.length} value${values.length === 1 ? '' : 's'} but count is ${count}`,
      );
  }
  return null;
}

function fail(path: PathPart[], message: string): { ok: false; error: string } {
  return { ok: false, error: issueAt(path, message) };
}
