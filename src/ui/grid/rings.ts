// Which cells of a dense grid carry a ring (fault, changed, selected, freed), by cell index.
// Built from the highlight sets, whose size follows the step's changes, not the grid's size.
import type { CellPaint } from './paint.ts';

export type Ring = NonNullable<CellPaint['ring']>;
export type Rings = ReadonlyMap<number, Ring>;

/**
 * `layers` from weakest to strongest: a cell in several keeps the last ring.
 * `indexOf` maps an element key to its cell, or -1 when the key is not in this grid.
 * `out` may hold weaker rings already (added by index).
 */
export function ringsOf(
  layers: [Iterable<string>, Ring][],
  indexOf: (key: string) => number,
  out = new Map<number, Ring>(),
): Map<number, Ring> {
  for (const [keys, ring] of layers)
    for (const k of keys) {
      const i = indexOf(k);
      if (i >= 0) out.set(i, ring);
    }
  return out;
}
