// Row storage for the trace, in fixed blocks of typed arrays. Blocks are never copied as the
// trace grows, so a run touches each byte of memory once (fresh memory is what long runs pay
// for), and every field is as narrow as its values allow.

export const SHIFT = 12;
export const SIZE = 1 << SHIFT;
export const MASK = SIZE - 1;

/** One block of waypoint rows. */
export class WaypointBlock {
  readonly action = new Int32Array(SIZE);
  readonly fn = new Uint16Array(SIZE);
  readonly node = new Uint16Array(SIZE);
  readonly site = new Uint16Array(SIZE);
  readonly argEnd = new Uint32Array(SIZE);
  readonly changeEnd = new Uint32Array(SIZE);
  /** The seq of the first waypoint of the enclosing span, or -1. */
  readonly parent = new Int32Array(SIZE);
  /** The subject as the flow set it (-1: none): process, pages [lo, hi), device, frame. */
  readonly pid = new Int32Array(SIZE);
  readonly lo = new Int32Array(SIZE);
  readonly hi = new Int32Array(SIZE);
  readonly dev = new Int8Array(SIZE);
  readonly frame = new Int16Array(SIZE);
}

/**
 * One block of change rows: the kind, where (two indices in one number: `hi` · 2^34 + `lo`)
 * and the packed records before and after. Host and device pages keep their 33-bit values in
 * ValueBlocks, found through `lo`.
 */
export class ChangeBlock {
  readonly kind = new Uint8Array(SIZE);
  readonly where = new Float64Array(SIZE);
  readonly before = new Float64Array(SIZE);
  readonly after = new Float64Array(SIZE);
}

export class ValueBlock {
  readonly before = new Float64Array(SIZE);
  readonly after = new Float64Array(SIZE);
}

const LO = 2 ** 34;
export const where = (hi: number, lo: number): number => hi * LO + lo;
export const whereHi = (w: number): number => Math.floor(w / LO);
export const whereLo = (w: number): number => w % LO;

// A device frame as one index (dev · 8192 + frame; frames per device stay under 8192).
const FRAMES = 8192;
export const devFrame = (dev: number, frame: number): number => dev * FRAMES + frame;
export const devFrameDev = (k: number): number => Math.floor(k / FRAMES);
export const devFrameFrame = (k: number): number => k % FRAMES;

/** A growable Int32 column in blocks (the text args). */
export class Int32Blocks {
  private readonly blocks: Int32Array[] = [];
  private n = 0;
  /** The block being written and the length at which it is full. */
  private cur: Int32Array = new Int32Array(0);
  private curEnd = 0;

  get blockCount(): number {
    return this.blocks.length;
  }

  get length(): number {
    return this.n;
  }

  /** Forgets the values from n on. */
  set length(n: number) {
    this.n = n;
    const b = n >>> SHIFT;
    // Stryker disable next-line ConditionalExpression: `false` is equivalent: curEnd = n makes the next push call nextBlock, which finds the same block (rows.test kills `true`)
    if (b < this.blocks.length) {
      this.cur = this.blocks[b];
      this.curEnd = (b + 1) * SIZE;
    } else this.curEnd = n;
  }

  push(x: number): void {
    // Stryker disable next-line ConditionalExpression: `true` is equivalent: nextBlock finds the block the value already goes to
    if (this.n === this.curEnd) this.nextBlock();
    this.cur[this.n & MASK] = x;
    this.n++;
  }

  private nextBlock(): void {
    const b = this.n >>> SHIFT;
    if (b === this.blocks.length) this.blocks.push(new Int32Array(SIZE));
    this.cur = this.blocks[b];
    this.curEnd = (b + 1) * SIZE;
  }

  get(k: number): number {
    return this.blocks[k >>> SHIFT][k & MASK];
  }
}
