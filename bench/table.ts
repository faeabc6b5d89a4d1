// The readable table `npm run bench` prints.
import type { Metrics } from './lib.ts';

export function printTable(metrics: Metrics, smoke: boolean): void {
  const rows = Object.entries(metrics).map(([name, m]) => [
    name,
    m.value === null ? '—' : fmt(m.value),
    m.unit,
    m.target ?? '',
    m.ok === undefined ? '' : m.ok ? 'ok' : 'MISS',
    m.note ?? '',
  ]);
  const head = ['metric', 'value', 'unit', 'target', '', 'note'];
  const widths = head.map((h, c) =>
    Math.max(h.length, ...rows.map((r) => (c === 5 ? 0 : r[c].length))),
  );
  const line = (r: string[]) =>
    r
      .map((cell, c) =>
        c === 5 ? cell : c === 1 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]),
      )
      .join('  ');
  console.log(
    smoke ? '\nHMM Lab bench (SMOKE: tiny sizes, timings meaningless)\n' : '\nHMM Lab bench\n',
  );
  console.log(line(head));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(r));
}

function fmt(v: number): string {
  if (Math.abs(v) >= 1000) return Math.round(v).toLocaleString('en-US');
  return String(v);
}
