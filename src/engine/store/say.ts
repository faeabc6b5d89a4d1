// Narration built on demand. `say` captures a template literal's constant parts (one frozen
// array per call site) and its values instead of concatenating them, so a run of 100k
// waypoints stores a site number and a few numbers per step; the sentence is rendered, with
// exactly the characters the template literal would give, only when someone reads it.
// A value may itself be said (a nested template), so phrases like "pages 3–7" stay numbers too.

export type Arg = number | string | boolean | Said;

export interface Said {
  readonly site: TemplateStringsArray;
  readonly args: readonly Arg[];
}

/** Tag for waypoint text: emit(c, fn, say`Page ${p} is mapped.`). */
export const say = (site: TemplateStringsArray, ...args: Arg[]): Said => ({ site, args });

export function render(t: Said): string {
  let s = t.site[0];
  for (let i = 0; i < t.args.length; i++) {
    const a = t.args[i];
    s += (typeof a === 'object' ? render(a) : String(a)) + t.site[i + 1];
  }
  return s;
}
