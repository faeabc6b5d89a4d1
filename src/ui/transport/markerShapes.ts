// Scrubber marker glyphs: each kind has its own shape as well as colour.
import type { MarkerKind } from '../../timeline/types.ts';

export const MARKER_ORDER: MarkerKind[] = [
  'cpu-fault',
  'dev-fault',
  'migration',
  'invalidation',
  'free',
];

export const MARKER_LABEL: Record<MarkerKind, string> = {
  'cpu-fault': 'CPU fault',
  'dev-fault': 'device fault',
  migration: 'migration',
  invalidation: 'invalidation',
  free: 'page_free',
};

/** Path of the glyph centred on (0,0), radius r. */
export function markerPath(kind: MarkerKind, r: number): string {
  switch (kind) {
    case 'cpu-fault':
      return `M0,${-r}L${r},${r}L${-r},${r}Z`;
    case 'dev-fault':
      return `M0,${r}L${r},${-r}L${-r},${-r}Z`;
    case 'migration':
      return `M0,${-r}L${r},0L0,${r}L${-r},0Z`;
    case 'invalidation':
      return `M${-r},${-r}L${r},${r}M${r},${-r}L${-r},${r}`;
    case 'free':
      return `M${r},0A${r},${r} 0 1,1 ${-r},0A${r},${r} 0 1,1 ${r},0Z`;
  }
}

/** Row of each kind in the scrubber lane. */
export const markerRow = (kind: MarkerKind) => MARKER_ORDER.indexOf(kind);
