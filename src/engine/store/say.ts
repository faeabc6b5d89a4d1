// Narration built on demand. `say` captures a template literal's constant parts (one frozen
// array per call site) and its values instead of concatenating them, so a run of 100k
// waypoints stores a site number and a few numbers per step; the sentence is rendered, with
// exactly the characters the template literal would give, only when someone reads it.
// A value may itself be said (a nested template), so phrases like "pages 3–7" stay numbers too.

export type Arg = number | string | boolean | Said;

/**
 * The site, then the values: the tag's own arguments, kept as the one array the rest parameter
 * already is (a said text is made per waypoint, and it is most of what a run allocates).
 */
export type Said = readonly [site: TemplateStringsArray, ...args: Arg[]];

/** Tag for waypoint text: emit(c, fn, say`Page ${p} is mapped.`). */
export const say = (...said: [site: TemplateStringsArray, ...args: Arg[]]): Said => said;

export function render(t: Said): string {
  const site = t[0];
  let s = site[0];
  for (let i = 1; i < t.length; i++) {
    const a = t[i] as Arg;
    s += (typeof a === 'object' ? render(a) : String(a)) + site[i];
  }
  return s;
}
