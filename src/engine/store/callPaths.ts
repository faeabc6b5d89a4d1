// The call paths of a trace as a tree of nodes: node 0 is the empty path, node n extends
// parent[n] by one function. A waypoint stores its node; its path is read back by walking up.
import type { Interner } from './interner.ts';

/** Path node 0 is the empty call path; node n extends parent[n] by fn[n]. */
export const ROOT = 0;
/** Call paths are at most this deep (the ctx keeps per-depth state in arrays this long). */
export const MAX_DEPTH = 64;

export class CallPaths {
  // Stryker disable next-line UnaryOperator: the root node's entry is never read (paths and layers stop at ROOT, no fn is named '', and its other-fn slot is written before it is read)
  readonly parent: number[] = [-1];
  // Stryker disable next-line UnaryOperator: the root node's entry is never read (paths and layers stop at ROOT, no fn is named '', and its other-fn slot is written before it is read)
  readonly fn: number[] = [-1];
  // Stryker disable next-line StringLiteral: the root node's entry is never read (paths and layers stop at ROOT, no fn is named '', and its other-fn slot is written before it is read)
  readonly name: string[] = [''];
  readonly depth: number[] = [0];
  /** Per node: the last other function its steps were told by, and that function's id. */
  // Stryker disable next-line ArrayDeclaration: the root node's entry is never read (paths and layers stop at ROOT, no fn is named '', and its other-fn slot is written before it is read)
  private readonly otherFn: (string | undefined)[] = [undefined];
  // Stryker disable next-line ArrayDeclaration: the root node's entry is never read (paths and layers stop at ROOT, no fn is named '', and its other-fn slot is written before it is read)
  private readonly otherFnId: number[] = [0];
  private readonly ids = new Map<number, number>();
  // Stryker disable next-line ArrayDeclaration: a cache: a stale first entry is only used when its fn matches, which no fn named like it does
  private readonly lastChildFn: string[] = [];
  // Stryker disable next-line ArrayDeclaration: read only together with lastChildFn, which is set first
  private readonly lastChild: number[] = [];

  /** `fns`: the trace's function names, whose ids the nodes hold. */
  constructor(private readonly fns: Interner) {}

  /** The call path `parent` › fn. */
  enter(parent: number, fn: string): number {
    // A path is mostly entered again the way it was last time: check that child first.
    // Stryker disable next-line ConditionalExpression: a cache of the last child only; the map finds the same node
    if (this.lastChildFn[parent] === fn) return this.lastChild[parent];
    // Stryker disable next-line ArithmeticOperator: any key that is one-to-one on (parent < 65536, fn id < 65536) finds the same nodes, and `-` and `/` still are
    const key = parent * 65536 + this.fns.id(fn);
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.parent.length;
      if (id > 65535) throw new Error('more than 65536 distinct call paths');
      if (this.depth[parent] + 1 >= MAX_DEPTH) throw new Error('call path too deep');
      this.parent.push(parent);
      this.depth.push(this.depth[parent] + 1);
      this.fn.push(this.fns.id(fn));
      this.name.push(fn);
      this.otherFn.push(undefined);
      this.otherFnId.push(0);
      this.ids.set(key, id);
    }
    this.lastChildFn[parent] = fn;
    this.lastChild[parent] = id;
    return id;
  }

  /** The id of `fn`, a step told in `node`'s path. */
  fnIdAt(node: number, fn: string): number {
    // Most steps are told by the function whose call path they are in: its id is at hand.
    // Stryker disable next-line ConditionalExpression: both give fn's id; the test only skips a lookup
    return this.name[node] === fn ? this.fn[node] : this.otherFnIdAt(node, fn);
  }

  /**
   * The others are mostly told by one function per path (copy_highpage under
   * dmirror_devmem_fault_alloc_and_copy, page_free under migrate_vma_finalize): each node
   * remembers the last one.
   */
  private otherFnIdAt(node: number, fn: string): number {
    // Stryker disable next-line ConditionalExpression: a cache: looking the id up again gives the same id
    if (this.otherFn[node] !== fn) {
      this.otherFn[node] = fn;
      this.otherFnId[node] = this.fns.id(fn);
    }
    return this.otherFnId[node];
  }

  /** The functions of `node`'s path, outermost first. */
  path(node: number): string[] {
    const out: string[] = [];
    for (let n = node; n !== ROOT; n = this.parent[n]) out.push(this.fns.at(this.fn[n]));
    return out.reverse();
  }
}
