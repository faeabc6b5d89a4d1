// The lab's own address, wherever it is served from: the site root, a folder, a nested folder,
// `…/index.html`, with any query the host needs. Share links, the embed snippet and the address
// bar are built from it, never from the site root.

/** The address of this page without its hash (`location.origin` is "null" on some hosts). */
export function labAddress(href: string = location.href): string {
  const i = href.indexOf('#');
  return i < 0 ? href : href.slice(0, i);
}

/** A full link to the lab here that opens `hash` (`#v1.…` or `#preset/…`). */
export function labUrl(hash: string, href?: string): string {
  return labAddress(href) + hash;
}
