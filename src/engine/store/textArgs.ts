// The texts of a trace's waypoints: each is a template site (kept once) and its args, packed
// into Int32 slots. An even slot is a number (x · 2); an odd one is a tagged id
// (id · 8 + tag · 2 + 1): an interned string, a boolean, a nested template (its site; the
// arg count and its args follow) or a number too wide for 30 bits (kept in `wide`).
import { Interner } from './interner.ts';
import { Int32Blocks } from './rows.ts';
import type { Arg, Said } from './say.ts';

const ARG_STRING = 0;
const ARG_BOOL = 1;
const ARG_SAID = 2;
const ARG_WIDE = 3;
const NARROW = 2 ** 30;
const tagged = (id: number, tag: number): number => id * 8 + tag * 2 + 1;

export class TextArgs {
  readonly slots = new Int32Blocks();
  private readonly wide: number[] = [];
  private readonly sites: TemplateStringsArray[] = [];
  private readonly siteIds = new Map<TemplateStringsArray, number>();
  private readonly strings = new Interner();

  stringId = (s: string): number => this.strings.id(s);

  /** Packs a said text's args after the slots so far; returns its site's id. */
  add(text: Said): number {
    const site = this.siteId(text[0]);
    this.pack(text);
    return site;
  }

  /** The said text of `site` whose args start at slot `from`. */
  said(site: number, from: number): Said {
    const s = this.sites[site];
    return this.unpack(s, from, s.length - 1)[0];
  }

  private siteId(site: TemplateStringsArray): number {
    let id = this.siteIds.get(site);
    if (id === undefined) {
      id = this.sites.length;
      this.sites.push(site);
      this.siteIds.set(site, id);
    }
    return id;
  }

  /** Packs the values of a said text (its elements after the site). */
  private pack(said: Said): void {
    for (let k = 1; k < said.length; k++) {
      const a = said[k] as Arg;
      if (typeof a === 'number') this.packNumber(a);
      else if (typeof a === 'string') this.slots.push(tagged(this.stringId(a), ARG_STRING));
      else if (typeof a === 'boolean') this.slots.push(tagged(a ? 1 : 0, ARG_BOOL));
      else {
        this.slots.push(tagged(this.siteId(a[0]), ARG_SAID));
        this.packNumber(a.length - 1);
        this.pack(a);
      }
    }
  }

  private packNumber(x: number): void {
    // Stryker disable next-line EqualityOperator: -2^30 itself fits both encodings (narrow slot -2^31, or wide), so the text is the same
    if (Number.isInteger(x) && x >= -NARROW && x < NARROW) this.slots.push(x * 2);
    else {
      this.slots.push(tagged(this.wide.length, ARG_WIDE));
      this.wide.push(x);
    }
  }

  /** Decodes n args of site from slot k on; returns the said text and the slot after. */
  private unpack(site: TemplateStringsArray, k: number, n: number): [Said, number] {
    const out: [TemplateStringsArray, ...Arg[]] = [site];
    while (out.length <= n) {
      const v = this.slots.get(k++);
      if ((v & 1) === 0) {
        out.push(v / 2);
        continue;
      }
      const id = (v - 1) >> 3;
      switch (((v - 1) >> 1) & 3) {
        case ARG_STRING:
          out.push(this.strings.at(id));
          break;
        case ARG_BOOL:
          out.push(id === 1);
          break;
        case ARG_WIDE:
          out.push(this.wide[id]);
          break;
        default: {
          const [said, next] = this.unpack(this.sites[id], k + 1, this.slots.get(k) / 2);
          out.push(said);
          k = next;
        }
      }
    }
    return [out, k];
  }
}
