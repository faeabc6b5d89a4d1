import { useEffect, useState } from 'react';
import { useLab } from '../store/store.ts';

/** How long the lab rests on a step before it is announced. */
const SETTLE_MS = 250;

/** The narration for screen readers: one polite announcement for the step the lab rests on. */
export function LiveRegion() {
  const text = useLab((s) => {
    const f = s.frame;
    if (!f) return '';
    const of = s.summary?.complete === false ? 'a run still running' : (s.summary?.count ?? 0);
    return `Step ${f.index} of ${of}: ${f.waypoint.fn}. ${f.waypoint.text}`;
  });
  const playing = useLab((s) => s.playing);
  // While playing or stepping with a held key, announcing every waypoint would queue up a
  // backlog the reader is still reading long after; it hears where the lab stops.
  const [said, setSaid] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setSaid(playing ? '' : text), SETTLE_MS);
    return () => clearTimeout(t);
  }, [text, playing]);
  return (
    <div className="sr-only" aria-live="polite" aria-atomic="true" data-testid="narration-live">
      {said}
    </div>
  );
}
