// Untrusted input → a valid, normalized Scenario, or the first problem as
// `path: message`. Never throws: hostile input (huge arrays, getters, proxies) gets a message.
import { z } from 'zod';
import { checkAction, isRecord } from './actions.ts';
import { DEVICE_NAME } from './actionSchemas.ts';
import { formatIssue, issueAt, quote } from './issues.ts';
import { parseJsonText } from './jsonText.ts';
import {
  DEFAULT_CONFIG,
  LIMITS,
  SCENARIO_FORMAT,
  SCENARIO_FORMAT_V2,
  deviceDriver,
  type Action,
  type DeviceConfig,
  type Scenario,
  type ScenarioConfig,
} from './types.ts';

export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; error: string };

export interface ParseOptions {
  /** Links carry fewer actions than files (LIMITS.actionsInLink). */
  maxActions?: number;
}

export const MAX_TITLE = 200;
export const MAX_DESCRIPTION = 4000;

const frames = (max: number) =>
  z.number().min(1).max(max).refine(Number.isInteger, { error: 'must be an integer', abort: true });

const deviceFields = {
  name: z.string().regex(DEVICE_NAME, { error: 'must match [a-z][a-z0-9_-]{0,15}' }),
  frames: frames(LIMITS.deviceFrames).optional(),
};
const oneOf = <T extends string>(values: readonly T[], error: string) =>
  z.custom<T>((v) => values.includes(v as T), { error }).optional();
const isChunk = (v: unknown) =>
  typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 512 && (v & (v - 1)) === 0;

const deviceSchemaV1 = z.strictObject(deviceFields);
const deviceSchemaV2 = z.strictObject({
  ...deviceFields,
  memory: oneOf(['private', 'coherent'], 'must be "private" or "coherent"'),
  driver: oneOf(['dmirror', 'svm'], 'must be "dmirror" or "svm"'),
  chunk: z.custom<number>(isChunk, { error: 'must be a power of two from 1 to 512' }).optional(),
});

const rootSchema = (device: typeof deviceSchemaV1 | typeof deviceSchemaV2) =>
  z.strictObject({
    format: z.enum([SCENARIO_FORMAT, SCENARIO_FORMAT_V2]),
    title: z.string().max(MAX_TITLE).optional(),
    description: z.string().max(MAX_DESCRIPTION).optional(),
    config: z
      .strictObject({
        hostFrames: frames(LIMITS.hostFrames).optional(),
        devices: z.array(device).min(1).max(LIMITS.devices).optional(),
      })
      .optional(),
    actions: z.array(z.unknown()),
  });
const rootSchemaV1 = rootSchema(deviceSchemaV1);
const rootSchemaV2 = rootSchema(deviceSchemaV2);
type ConfigIn = z.infer<typeof rootSchemaV2>['config'];

export function parseScenario(input: unknown, opts: ParseOptions = {}): ParseResult {
  try {
    return parse(input, opts.maxActions ?? LIMITS.actionsInFile);
  } catch (e) {
    // Only exotic objects (throwing getters, revoked proxies) get here.
    return { ok: false, error: `scenario: could not be read (${String(e).slice(0, 100)})` };
  }
}

export function parseScenarioText(text: string, opts: ParseOptions = {}): ParseResult {
  const json = parseJsonText(text);
  if (!json.ok) return json;
  return parseScenario(json.value, opts);
}

function parse(input: unknown, maxActions: number): ParseResult {
  if (!isRecord(input)) return fail(issueAt([], 'must be a JSON object'));
  const actionsIn = input.actions;
  if (Array.isArray(actionsIn) && actionsIn.length > maxActions)
    return fail(issueAt(['actions'], `must have at most ${maxActions} items`));
  const devicesIn = isRecord(input.config) ? input.config.devices : undefined;
  if (Array.isArray(devicesIn) && devicesIn.length > LIMITS.devices)
    return fail(issueAt(['config', 'devices'], `must have at most ${LIMITS.devices} items`));

  const v2 = input.format === SCENARIO_FORMAT_V2;
  const root = (v2 ? rootSchemaV2 : rootSchemaV1).safeParse(input);
  if (!root.success) return fail(formatIssue([], root.error.issues[0], input));
  const config = normalizeConfig(root.data.config);
  const devices = new Map<string, DeviceConfig>();
  for (const [i, d] of config.devices.entries()) {
    if (devices.has(d.name))
      return fail(issueAt(['config', 'devices', i, 'name'], `${quote(d.name)} is declared twice`));
    if (d.chunk !== undefined && deviceDriver(d) !== 'svm')
      return fail(
        issueAt(
          ['config', 'devices', i, 'chunk'],
          'only a device with driver "svm" has a chunk size',
        ),
      );
    devices.set(d.name, d);
  }

  const actions: Action[] = [];
  for (let i = 0; i < root.data.actions.length; i++) {
    const checked = checkAction(root.data.actions[i], ['actions', i], { devices, v2 });
    if (!checked.ok) return fail(checked.error);
    actions.push(checked.value);
  }

  const { title, description } = root.data;
  const scenario: Scenario = {
    format: root.data.format,
    ...(title !== undefined && { title }),
    ...(description !== undefined && { description }),
    config,
    actions,
  };
  return { ok: true, scenario };
}

function normalizeConfig(config: ConfigIn): ScenarioConfig {
  const devices: (Omit<DeviceConfig, 'frames'> & { frames?: number })[] =
    config?.devices ?? DEFAULT_CONFIG.devices;
  return {
    hostFrames: config?.hostFrames ?? DEFAULT_CONFIG.hostFrames,
    devices: devices.map((d) => {
      // @2 fields only when given, so a scenario exports as it was written.
      const out: DeviceConfig = { name: d.name, frames: d.frames ?? 32 };
      if (d.memory !== undefined) out.memory = d.memory;
      if (d.driver !== undefined) out.driver = d.driver;
      if (d.chunk !== undefined) out.chunk = d.chunk;
      return out;
    }),
  };
}

function fail(error: string): ParseResult {
  return { ok: false, error };
}
