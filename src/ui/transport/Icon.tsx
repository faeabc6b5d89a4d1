// Transport icons as inline SVG: no icon font, no emoji fallback surprises offline.
const PATHS = {
  start: 'M3 2h2v12H3zM14 2v12L6 8z',
  prevAction: 'M8 2v12L1 8zM15 2v12L8 8z',
  prev: 'M12 2v12L4 8z',
  play: 'M4 2v12l10-6z',
  pause: 'M3 2h4v12H3zM9 2h4v12H9z',
  next: 'M4 2v12l8-6z',
  nextAction: 'M1 2v12l7-6zM8 2v12l7-6z',
  end: 'M11 2h2v12h-2zM2 2v12l8-6z',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name }: { name: IconName }) {
  return (
    <svg className="icon" width="14" height="14" viewBox="0 0 16 16" aria-hidden focusable="false">
      <path d={PATHS[name]} fill="currentColor" />
    </svg>
  );
}
