// The digest a share link carries of the run it was made from (`&h=…&ha=…`): `h` is the first
// 8 hex digits of the run's traceHash; `ha` has one character per group of consecutive units
// (the device registration, then each action): 6 bits of the SHA-256 of the trace up to the
// end of that group. Cumulative, so once two runs part every later character differs too, and
// the first character that differs names where they part, even through a 1-in-64 collision a
// little later. Groups hold one unit each up to DIGEST_CHARS units: a 10-action lesson adds
// 11 characters, a 1,024-action link 64 (naming a range of 17 actions). No dependencies: the
// UI thread uses this without loading the link codec.

export interface RunDigest {
  /** First 8 hex digits of the traceHash. */
  h: string;
  /** One character per group of units. */
  actions: string;
}

export interface LinkDigest {
  h: string;
  actions?: string;
}

const DIGEST_CHARS = 64;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Units (registration + actions) per digest character. */
export const groupSize = (units: number): number => Math.max(1, Math.ceil(units / DIGEST_CHARS));

/** 6 bits of a hex digest as one URL-safe character. */
export const digestChar = (hex: string): string => ALPHABET[parseInt(hex.slice(0, 2), 16) >> 2];

/** The link parameters, in the order links carry them (after `step`). */
export const digestParams = (d: RunDigest): string => `&h=${d.h}&ha=${d.actions}`;

export const validH = (v: string): boolean => /^[0-9a-f]{8}$/.test(v);
export const validActions = (v: string): boolean =>
  v.length <= DIGEST_CHARS && /^[A-Za-z0-9_-]+$/.test(v);

/**
 * Where two runs of `actions` actions part, from their digest characters: the actions
 * [from, to] of the first group that differs (-1: the device registration), or null when the
 * characters cannot tell (they agree, or the number of actions changed).
 */
export function firstDifference(
  linked: string,
  now: string,
  actions: number,
): { from: number; to: number } | null {
  if (linked.length !== now.length) return null;
  const units = actions + 1;
  const k = groupSize(units);
  if (Math.ceil(units / k) !== now.length) return null;
  for (let g = 0; g < now.length; g++)
    if (linked[g] !== now[g]) return { from: g * k - 1, to: Math.min((g + 1) * k, units) - 2 };
  return null;
}
