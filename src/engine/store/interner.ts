// Strings to small ids and back. The trace interns fn names and text args: a few dozen
// constant strings (fn names, device names, "it"/"them") asked for hundreds of thousands of
// times, so a small direct-mapped cache answers most lookups without hashing.

const SLOTS = 256;

export class Interner {
  // Stryker disable next-line ArrayDeclaration: ids are only read back through at(), which a leading entry shifts along with them
  private readonly list: string[] = [];
  private readonly ids = new Map<string, number>();
  // Stryker disable next-line ArrayDeclaration: an empty cache misses until a slot is first written, and the map gives the same id
  private readonly recent: string[] = new Array<string>(SLOTS).fill('\u0000');
  private readonly recentId = new Int32Array(SLOTS);

  id(s: string): number {
    const n = s.length;
    // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: which cache slot a string takes changes hits and misses only, never an id
    const slot = n === 0 ? 0 : (n * 31 + s.charCodeAt(0) + s.charCodeAt(n - 1) * 7) & (SLOTS - 1);
    // Stryker disable next-line ConditionalExpression: a cache: the map gives the same id
    if (this.recent[slot] === s) return this.recentId[slot];
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.list.length;
      this.list.push(s);
      this.ids.set(s, id);
    }
    this.recent[slot] = s;
    this.recentId[slot] = id;
    return id;
  }

  at(id: number): string {
    return this.list[id];
  }
}
