// Growable typed-array columns: the trace keeps its rows in these so a long run holds numbers,
// not hundreds of thousands of objects the garbage collector would have to walk and copy.

type TypedArray = Float64Array | Int32Array | Uint32Array | Uint16Array | Uint8Array;
type Ctor<A extends TypedArray> = new (n: number) => A;

/** A copy of `a` with room for at least `need` elements (doubling, so appends stay O(1)). */
export function grown<A extends TypedArray>(a: A, need: number): A {
  if (need <= a.length) return a;
  let n = Math.max(a.length, 64);
  while (n < need) n *= 2;
  const b = new (a.constructor as Ctor<A>)(n);
  b.set(a);
  return b;
}
