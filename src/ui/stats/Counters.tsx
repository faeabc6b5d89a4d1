import type { CounterName } from '../../engine/state.ts';
import { useLab } from '../store/store.ts';

const ROWS: { name: CounterName; label: string; glyph: string }[] = [
  { name: 'cpuFaults', label: 'CPU faults', glyph: '▲' },
  { name: 'deviceFaults', label: 'device faults', glyph: '▼' },
  { name: 'migrateToRam', label: 'migrate_to_ram', glyph: '↩' },
  { name: 'pagesToDevice', label: 'pages → device', glyph: '→' },
  { name: 'pagesToHost', label: 'pages → host', glyph: '←' },
  { name: 'pageFree', label: 'page_free', glyph: '●' },
  { name: 'invalidations', label: 'invalidations', glyph: '✕' },
  { name: 'rangeFaultRetries', label: 'retries', glyph: '↻' },
];

/** The run's counters as they stand at the current waypoint; the ones it moved are lit. */
export function Counters() {
  const counters = useLab((s) => s.frame?.world.counters);
  const wp = useLab((s) => s.frame?.waypoint);
  if (!counters) return null;
  const moved = new Set(wp?.changes.flatMap((c) => (c.k === 'ctr' ? [c.name] : [])) ?? []);
  return (
    <dl className="counters" aria-label="Counters">
      {ROWS.map((r) => (
        <div
          key={r.name}
          className={`ctr ${moved.has(r.name) ? 'changed' : ''}`}
          data-testid={`counter-${r.name}`}
        >
          <dt>
            <span className="ctr-glyph" aria-hidden>
              {r.glyph}
            </span>
            {r.label}
          </dt>
          <dd>{counters[r.name]}</dd>
        </div>
      ))}
    </dl>
  );
}
