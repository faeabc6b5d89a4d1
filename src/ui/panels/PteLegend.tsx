// What each cell look means: the CPU PTE states by border, pattern and glyph.
const ITEMS = [
  { st: 'none', glyph: '○', label: 'none' },
  { st: 'zero', glyph: '∅', label: 'zero page' },
  { st: 'present', glyph: '■', label: 'present (host)' },
  { st: 'device-private', glyph: '◆', label: 'device-private' },
  { st: 'device-exclusive', glyph: '⚛', label: 'exclusive' },
  { st: 'migration', glyph: '⇄', label: 'migrating' },
] as const;

/** `coherent`: a device has MEMORY_DEVICE_COHERENT memory, so the legend tells its pages
 *  apart; `pins`: the run has pinned pages, so it explains a frame's pin badge (v2 L, M). */
export function PteLegend({
  coherent = false,
  pins = false,
}: {
  coherent?: boolean;
  pins?: boolean;
}) {
  return (
    <ul className="pte-legend" aria-label="Legend of CPU page-table states">
      {ITEMS.map((i) => (
        <li key={i.st}>
          <span className={`swatch page st-${i.st} dev-c0`} aria-hidden>
            {i.glyph}
          </span>
          {i.label}
        </li>
      ))}
      {coherent && (
        <li data-testid="legend-coherent">
          <span className="swatch page st-present coherent dev-c0" aria-hidden>
            ■
          </span>
          present (device-coherent)
        </li>
      )}
      {pins && (
        <li data-testid="legend-pin">
          <span className="swatch pin-swatch" aria-hidden>
            pin
          </span>
          pinned frame (FOLL_PIN)
        </li>
      )}
    </ul>
  );
}
