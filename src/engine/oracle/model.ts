// The independent oracle: what a user process can know about its own memory without any HMM
// knowledge. A page is mapped or not, has a prot, and holds the last value written to it
// (0 after mmap). Where a result does not say exactly how far a failed write got (ENOMEM,
// or an interleaved CPU action racing a device write), a page keeps every value it may hold,
// and the next read collapses the set. Uses no engine code.
import type { Prot } from '../../scenario/types.ts';

export interface OPage {
  prot: Prot;
  shared: boolean;
  /** Values the page may hold; exactly one unless a result left it open. */
  vals: number[];
}

export class Oracle {
  pages = new Map<number, OPage>();

  clone(): Oracle {
    const o = new Oracle();
    for (const [k, p] of this.pages) o.pages.set(k, { ...p, vals: [...p.vals] });
    return o;
  }

  readable(page: number): boolean {
    const p = this.pages.get(page);
    return !!p && p.prot !== 'none';
  }

  writable(page: number): boolean {
    return this.pages.get(page)?.prot === 'rw';
  }

  prot(page: number): Prot | undefined {
    return this.pages.get(page)?.prot;
  }

  mayHold(page: number, v: number): boolean {
    return this.pages.get(page)?.vals.includes(v) ?? false;
  }

  map(page: number, prot: Prot, shared: boolean): void {
    this.pages.set(page, { prot, shared, vals: [0] });
  }

  unmap(page: number): void {
    this.pages.delete(page);
  }

  /** A write that certainly happened. */
  set(page: number, v: number): void {
    const p = this.pages.get(page);
    if (p) p.vals = [v];
  }

  /** A write that may or may not have happened. */
  maybe(page: number, v: number): void {
    const p = this.pages.get(page);
    if (p && !p.vals.includes(v)) p.vals.push(v);
  }

  /** The first page of [start, end) for which `ok` fails, or undefined. */
  firstNot(start: number, end: number, ok: (page: number) => boolean): number | undefined {
    for (let p = start; p < end; p++) if (!ok(p)) return p;
    return undefined;
  }
}
