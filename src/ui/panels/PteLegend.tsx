// What each cell look means: the CPU PTE states by border, pattern and glyph.
const ITEMS = [
  { st: 'none', glyph: '○', label: 'none' },
  { st: 'zero', glyph: '∅', label: 'zero page' },
  { st: 'present', glyph: '■', label: 'present (host)' },
  { st: 'device-private', glyph: '◆', label: 'device-private' },
  { st: 'device-exclusive', glyph: '⚛', label: 'exclusive' },
  { st: 'migration', glyph: '⇄', label: 'migrating' },
] as const;

export function PteLegend() {
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
    </ul>
  );
}
