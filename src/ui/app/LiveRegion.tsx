import { useLab } from '../store/store.ts';

/** The narration for screen readers: one polite announcement per waypoint. */
export function LiveRegion() {
  const text = useLab((s) => {
    const f = s.frame;
    if (!f) return '';
    return `Step ${f.index} of ${s.summary?.count ?? 0}: ${f.waypoint.fn}. ${f.waypoint.text}`;
  });
  const playing = useLab((s) => s.playing);
  // While playing, announcing every waypoint would flood the reader; it hears where it stops.
  return (
    <div className="sr-only" aria-live="polite" aria-atomic="true" data-testid="narration-live">
      {playing ? '' : text}
    </div>
  );
}
