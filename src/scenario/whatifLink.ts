// The `&whatif=<kind>.<action index>[.<payload>]` link param: a replaced or inserted action
// travels as lz-string JSON, a device name URI-encoded.
import LZString from 'lz-string';
import { decompressFromEncodedURIComponent } from './lzDecompress.ts';
import type { Action } from './types.ts';
import type { WhatIfEdit, WhatIfKind } from './whatif.ts';

const KINDS: readonly WhatIfKind[] = ['replace', 'insert', 'delete', 'interleave', 'fail'];
const MAX_PARAM = 8192;

export function encodeWhatIf(e: WhatIfEdit): string {
  const tail =
    e.kind === 'replace' || e.kind === 'insert'
      ? '.' + LZString.compressToEncodedURIComponent(JSON.stringify(e.action))
      : e.kind === 'fail'
        ? '.' + encodeURIComponent(e.device)
        : '';
  return `${e.kind}.${e.at}${tail}`;
}

/** The `whatif` param back into an edit; the action inside is validated with the branch. */
export function decodeWhatIf(
  param: string,
): { ok: true; edit: WhatIfEdit } | { ok: false; error: string } {
  const bad = (why: string) => ({ ok: false as const, error: `its what-if change ${why}` });
  if (param.length > MAX_PARAM) return bad('is too long');
  const [kind, at, ...rest] = param.split('.');
  if (!KINDS.includes(kind as WhatIfKind)) return bad(`is of no known kind (${kind.slice(0, 20)})`);
  if (!/^\d{1,6}$/.test(at ?? '')) return bad('names no action');
  const i = Number(at);
  const tail = rest.join('.');
  if (kind === 'delete' || kind === 'interleave')
    return { ok: true, edit: { kind: kind as 'delete' | 'interleave', at: i } };
  if (kind === 'fail') {
    let device: string;
    try {
      device = decodeURIComponent(tail);
    } catch {
      return bad('names a damaged device');
    }
    return device ? { ok: true, edit: { kind: 'fail', at: i, device } } : bad('names no device');
  }
  const json = decompressFromEncodedURIComponent(tail, MAX_PARAM * 4);
  let action: unknown;
  try {
    action = json === null ? null : JSON.parse(json);
  } catch {
    action = null;
  }
  if (action === null || typeof action !== 'object' || Array.isArray(action))
    return bad('holds a damaged action');
  return {
    ok: true,
    edit: { kind: kind as 'replace' | 'insert', at: i, action: action as Action },
  };
}
