// JSON.parse with a message a student can act on: where the text stops being JSON.
// V8's own messages differ between Node versions and often carry no position, so the
// position is found by bisecting for the longest prefix that is still "JSON so far".

export type JsonTextResult = { ok: true; value: unknown } | { ok: false; error: string };

export const MAX_TEXT_CHARS = 32 * 1024 * 1024;
/** Bisecting parses the text ~log2(n) times; past this size, report without a position. */
const LOCATE_LIMIT = 4 * 1024 * 1024;

export function parseJsonText(text: string): JsonTextResult {
  if (typeof text !== 'string') return { ok: false, error: 'scenario: expected JSON text' };
  if (text.length > MAX_TEXT_CHARS) {
    const mb = (text.length / (1024 * 1024)).toFixed(1);
    return { ok: false, error: `scenario: text is too large (${mb} MB; at most 32 MB)` };
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return { ok: false, error: 'invalid JSON: the text is empty' };
  if (nestedDeeperThan(body, MAX_DEPTH))
    return { ok: false, error: `scenario: JSON is nested deeper than ${MAX_DEPTH} levels` };
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (e) {
    return { ok: false, error: describeSyntaxError(body, e) };
  }
}

/** A scenario nests about 5 levels; hostile input nests 100,000 and makes JSON.parse crawl. */
export const MAX_DEPTH = 32;

/** One linear scan (strings skipped) before anything parses or bisects the text. */
export function nestedDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92) i++;
      else if (ch === 34) inString = false;
    } else if (ch === 34) inString = true;
    else if (ch === 91 || ch === 123) {
      if (++depth > limit) return true;
    } else if (ch === 93 || ch === 125) depth--;
  }
  return false;
}

function describeSyntaxError(text: string, e: unknown): string {
  if (!(e instanceof SyntaxError)) return `invalid JSON: ${String(e)}`;
  if (text.length > LOCATE_LIMIT) return 'invalid JSON: ' + e.message.slice(0, 200);
  const at = locate(text);
  if (at >= text.length) return 'invalid JSON: unexpected end of text';
  const { line, column } = lineColumn(text, at);
  return `invalid JSON at line ${line}, column ${column}: unexpected ${JSON.stringify(text[at])}`;
}

/** True while the prefix is valid JSON or merely unfinished. */
function incomplete(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return true;
  } catch (e) {
    const m = String((e as Error).message);
    if (m.includes('Unexpected end')) return true;
    const pos = /at position (\d+)/.exec(m);
    return pos !== null && Number(pos[1]) >= prefix.length;
  }
}

/** Index of the first character that makes the text invalid (text.length if it just ends). */
function locate(text: string): number {
  let lo = 0; // incomplete(text.slice(0, lo)) holds
  let hi = text.length; // the full text fails
  if (incomplete(text)) return text.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (incomplete(text.slice(0, mid))) lo = mid;
    else hi = mid;
  }
  return hi - 1;
}

function lineColumn(text: string, at: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < at; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: at - start + 1 };
}
