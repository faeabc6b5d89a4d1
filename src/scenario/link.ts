// Share links: `#v1.<payload>[&step=N][&h=…&ha=…][&embed=1]` or `#preset/<id>[…same params]`
// (shared/scenario-format.md, "Share links"). The version prefix picks the decoder, and every
// decoder ever shipped stays in LINK_DECODERS so old links keep opening.
import LZString from 'lz-string';
import { decompressFromEncodedURIComponent } from './lzDecompress.ts';
import { MAX_DEPTH, nestedDeeperThan } from './jsonText.ts';
import {
  digestParams,
  validActions,
  validH,
  type LinkDigest,
  type RunDigest,
} from './linkDigest.ts';
import { fromTuples, toTuples } from './linkV1.ts';
import { fromTuplesV2, toTuplesV2 } from './linkV2.ts';
import { findPreset } from './presets/index.ts';
import { parseScenario } from './schema.ts';
import { LIMITS, SCENARIO_FORMAT_V2, type Scenario } from './types.ts';
import type { WhatIfEdit } from './whatif.ts';
import { decodeWhatIf, encodeWhatIf } from './whatifLink.ts';

/**
 * What a link asks for besides the scenario: `&quiz=1` (Predict mode), `&whatif=…` (a branch);
 * and `digest` (`&h=…&ha=…`), of the run the link was made from (absent in older links).
 */
export interface LinkExtras {
  quiz?: true;
  whatif?: WhatIfEdit;
  digest?: LinkDigest;
}

export type LinkResult =
  | ({ ok: true; kind: 'scenario'; scenario: Scenario; step?: number; embed: boolean } & LinkExtras)
  | ({ ok: true; kind: 'preset'; id: string; step?: number; embed: boolean } & LinkExtras)
  | { ok: false; error: string };

type Decoded = { ok: true; scenario: Scenario } | { ok: false; error: string };

export const CURRENT_LINK_VERSION = 'v1';
/** A scenario of 1024 actions is far below this as JSON; anything above is not ours. */
export const MAX_DECOMPRESSED_CHARS = 512 * 1024;
const MAX_STEP = 2 ** 31 - 1;

/** Decoders by version prefix. Never remove one: links in the wild must keep opening. */
export const LINK_DECODERS: Record<string, (payload: string) => Decoded> = {
  v1: (payload) => decodeTuples(payload, fromTuples),
  v2: (payload) => decodeTuples(payload, fromTuplesV2),
};

/** A @1 scenario gets a v1 link (as it always has), a @2 scenario a v2 link. */
export function encodeLink(scenario: Scenario, step?: number, digest?: RunDigest): string {
  const v2 = scenario.format === SCENARIO_FORMAT_V2;
  const tuples = v2 ? toTuplesV2(scenario) : toTuples(scenario);
  const payload = LZString.compressToEncodedURIComponent(JSON.stringify(tuples));
  const version = v2 ? 'v2' : CURRENT_LINK_VERSION;
  return `#${version}.${payload}${linkParams({ step, digest })}`;
}

/** The lab's own params after a link's head, in the one order builders use: step, the run's
 * digest, then Predict mode and a What-if branch. */
export function linkParams(p: {
  step?: number;
  digest?: RunDigest;
  quiz?: boolean;
  whatif?: WhatIfEdit | null;
}): string {
  let out = p.step === undefined ? '' : `&step=${p.step}`;
  if (p.digest) out += digestParams(p.digest);
  if (p.quiz) out += '&quiz=1';
  if (p.whatif) out += `&whatif=${encodeWhatIf(p.whatif)}`;
  return out;
}

export function presetLink(id: string, step?: number, digest?: RunDigest): string {
  return `#preset/${id}${linkParams({ step, digest })}`;
}

export function decodeLink(hash: string): LinkResult {
  try {
    return decode(hash);
  } catch (e) {
    return { ok: false, error: `link could not be read (${String(e).slice(0, 100)}).` };
  }
}

function decode(hash: string): LinkResult {
  if (typeof hash !== 'string') return fail('link is not text');
  // Checked before any decoding work: the cost of what follows grows with the length.
  if (hash.length > LIMITS.linkBytes)
    return fail(`link is too long (${hash.length} characters; at most ${LIMITS.linkBytes})`);
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  if (text === '') return fail('link is empty');
  const [head, ...params] = text.split('&');
  const opts = parseParams(params);
  if (!opts.ok) return opts;
  const { step, embed, extras } = opts;

  if (head.startsWith('preset/')) {
    const id = safeDecodeURIComponent(head.slice('preset/'.length));
    if (id === null || !findPreset(id))
      return fail(`link names no known lesson: ${JSON.stringify(head.slice(7, 47))}`);
    return { ok: true, kind: 'preset', id, ...(step !== undefined && { step }), embed, ...extras };
  }

  const version = /^(v\d{1,6})\./.exec(head);
  if (!version) return fail('not an HMM Lab link (it should start with #v1. or #preset/)');
  const decoder = LINK_DECODERS[version[1]];
  if (!Object.prototype.hasOwnProperty.call(LINK_DECODERS, version[1]) || !decoder)
    return fail(
      `link version ${version[1]} is not supported by this version of HMM Lab ` +
        `(it reads ${Object.keys(LINK_DECODERS).join(', ')})`,
    );
  const decoded = decoder(head.slice(version[0].length));
  if (!decoded.ok) return decoded;
  return {
    ok: true,
    kind: 'scenario',
    scenario: decoded.scenario,
    ...(step !== undefined && { step }),
    embed,
    ...extras,
  };
}

function decodeTuples(payload: string, fromTuplesOf: (root: unknown) => unknown): Decoded {
  const raw = safeDecodeURIComponent(payload);
  if (raw === null || raw === '') return fail('link carries no scenario');
  const json = decompressFromEncodedURIComponent(raw, MAX_DECOMPRESSED_CHARS);
  if (json === null)
    return fail('link is damaged or cut off: its scenario could not be decompressed');
  if (nestedDeeperThan(json, MAX_DEPTH))
    return fail('link is damaged: it does not hold a scenario');
  let value: unknown;
  try {
    value = fromTuplesOf(JSON.parse(json));
  } catch {
    return fail('link is damaged: it does not hold a scenario');
  }
  const parsed = parseScenario(value, { maxActions: LIMITS.actionsInLink });
  if (!parsed.ok) return fail(`link holds an invalid scenario: ${parsed.error}`);
  return parsed;
}

type Params =
  { ok: true; step?: number; embed: boolean; extras: LinkExtras } | { ok: false; error: string };

// Unknown parameters are ignored so that a newer app's links still open in this one.
function parseParams(params: string[]): Params {
  let step: number | undefined;
  let embed = false;
  const extras: LinkExtras = {};
  let h: string | undefined;
  let ha: string | undefined;
  for (const p of params) {
    const eq = p.indexOf('=');
    const key = eq < 0 ? p : p.slice(0, eq);
    const value = eq < 0 ? '' : p.slice(eq + 1);
    if (key === 'step') {
      if (!/^\d{1,10}$/.test(value) || Number(value) > MAX_STEP)
        return fail(
          `link step must be a whole number ≥ 0, not ${JSON.stringify(value.slice(0, 20))}`,
        );
      step = Number(value);
    } else if (key === 'embed') {
      embed = value === '' || value === '1' || value === 'true';
    } else if (key === 'quiz') {
      if (value === '' || value === '1' || value === 'true') extras.quiz = true;
    } else if (key === 'whatif') {
      const w = decodeWhatIf(value);
      if (!w.ok) return fail(w.error);
      extras.whatif = w.edit;
    } else if (key === 'h') {
      // A digest that is not ours is ignored: the link opens as one made without it.
      if (validH(value)) h = value;
    } else if (key === 'ha') {
      if (validActions(value)) ha = value;
    }
  }
  if (h) extras.digest = { h, ...(ha && { actions: ha }) };
  return { ok: true, ...(step !== undefined && { step }), embed, extras };
}

function safeDecodeURIComponent(s: string): string | null {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

function fail(error: string): { ok: false; error: string } {
  return { ok: false, error };
}
