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

/** The numbers in a key of the given kind (`keyNumbers('dev-1-7', 'dev')` → [1, 7]), or null. */
export function keyNumbers(key: string, kind: string): number[] | null {
  if (!key.startsWith(kind) || key.charCodeAt(kind.length) !== 45 /* - */) return null;
  return key
    .slice(kind.length + 1)
    .split('-')
    .map(Number);
}
