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
  type Action,
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

const deviceSchema = z.strictObject({
  name: z.string().regex(DEVICE_NAME, { error: 'must match [a-z][a-z0-9_-]{0,15}' }),
  frames: frames(LIMITS.deviceFrames).optional(),
});

const configSchema = z.strictObject({
  hostFrames: frames(LIMITS.hostFrames).optional(),
  devices: z.array(deviceSchema).min(1).max(LIMITS.devices).optional(),
});

const rootSchema = z.strictObject({
  format: z.literal(SCENARIO_FORMAT),
  title: z.string().max(MAX_TITLE).optional(),
  description: z.string().max(MAX_DESCRIPTION).optional(),
  config: configSchema.optional(),
  actions: z.array(z.unknown()),
});

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

  const root = rootSchema.safeParse(input);
  if (!root.success) return fail(formatIssue([], root.error.issues[0], input));
  const config = normalizeConfig(root.data.config);
  const names = new Set<string>();
  for (const [i, d] of config.devices.entries()) {
    if (names.has(d.name))
      return fail(issueAt(['config', 'devices', i, 'name'], `${quote(d.name)} is declared twice`));
    names.add(d.name);
  }

  const actions: Action[] = [];
  for (let i = 0; i < root.data.actions.length; i++) {
    const checked = checkAction(root.data.actions[i], ['actions', i], names);
    if (!checked.ok) return fail(checked.error);
    actions.push(checked.value);
  }

  const { title, description } = root.data;
  const scenario: Scenario = {
    format: SCENARIO_FORMAT,
    ...(title !== undefined && { title }),
    ...(description !== undefined && { description }),
    config,
    actions,
  };
  return { ok: true, scenario };
}

function normalizeConfig(config: z.infer<typeof configSchema> | undefined): ScenarioConfig {
  const devices = config?.devices ?? DEFAULT_CONFIG.devices;
  return {
    hostFrames: config?.hostFrames ?? DEFAULT_CONFIG.hostFrames,
    devices: devices.map((d) => ({ name: d.name, frames: d.frames ?? 32 })),
  };
}

function fail(error: string): ParseResult {
  return { ok: false, error };
}
