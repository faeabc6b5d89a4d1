// How long a share link may get: past 2,000 characters some chat apps, mail clients and old
// browsers cut it; past LIMITS.linkBytes (16 KB) the app itself refuses it.
export const LINK_WARN_CHARS = 2000;
export const LINK_MAX_CHARS = 16 * 1024;

export type LinkFit = 'ok' | 'long' | 'too-long';

/** `hash` is what the app checks against its cap; `url` is what people paste. */
export function linkFit(url: string, hash: string): LinkFit {
  if (hash.length > LINK_MAX_CHARS) return 'too-long';
  if (url.length > LINK_WARN_CHARS) return 'long';
  return 'ok';
}

export function formatLength(n: number): string {
  return `${n.toLocaleString('en-US')} characters`;
}

/** The same link without its `&step=N`, so it opens at the start. */
export function withoutStep(hash: string): string {
  return hash.replace(/&step=\d+/, '');
}

export function withEmbed(hash: string): string {
  return /[&]embed=/.test(hash) ? hash : `${hash}&embed=1`;
}
