// Element keys shared by the React cells (data-key) and the d3 animation layer, which finds
// the cells by these keys to draw travelling tokens between them.
export const pageKey = (pid: number, page: number) => `page-${pid}-${page}`;
export const hostKey = (frame: number) => `host-${frame}`;
export const ZERO_KEY = 'zero';
export const devKey = (dev: number, frame: number) => `dev-${dev}-${frame}`;
export const dpteKey = (dev: number, key: number) => `dpte-${dev}-${key}`;
export const freeListKey = (dev: number) => `free-${dev}`;
export const devPtKey = (dev: number) => `devpt-${dev}`;
export const seqKey = (dev: number) => `seq-${dev}`;

/**
 * The number a key ends with after `prefix` (`numberAfter('dev-1-7', 'dev-1-')` → 7), or -1.
 * Runs for every highlighted key of every dense grid on each step, so it allocates little.
 */
export function numberAfter(key: string, prefix: string): number {
  if (!key.startsWith(prefix)) return -1;
  const n = Number(key.slice(prefix.length));
  return Number.isInteger(n) && n >= 0 ? n : -1;
}
