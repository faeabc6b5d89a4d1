/** Two memories joined by a bus, with a page on its way. */
export function Logo() {
  return (
    <svg width="26" height="20" viewBox="0 0 26 20" aria-hidden>
      <rect
        x="1"
        y="3"
        width="8"
        height="14"
        rx="2"
        fill="none"
        stroke="var(--host)"
        strokeWidth="2"
      />
      <rect
        x="17"
        y="3"
        width="8"
        height="14"
        rx="2"
        fill="none"
        stroke="var(--dev0)"
        strokeWidth="2"
      />
      <path d="M9 10h8" stroke="var(--muted)" strokeWidth="2" strokeDasharray="2 2" />
      <rect x="10.5" y="7.5" width="5" height="5" rx="1" fill="var(--dev0)" />
    </svg>
  );
}
