// Faults, migrations and frees per action, counted from the timeline's markers (pure).
import type { TimelineSummary } from '../../timeline/types.ts';

export interface ActionTally {
  i: number;
  op: string;
  faults: number;
  migrations: number;
  frees: number;
  invalidations: number;
}

export function perAction(summary: TimelineSummary): ActionTally[] {
  const spans = summary.actions.filter((s) => s.i >= 0);
  const out = spans.map((s) => ({
    i: s.i,
    op: s.op,
    faults: 0,
    migrations: 0,
    frees: 0,
    invalidations: 0,
  }));
  let k = 0;
  for (const m of summary.markers) {
    while (k < spans.length && spans[k].last < m.seq) k++;
    if (k >= spans.length) break;
    if (m.seq < spans[k].first) continue;
    const t = out[k];
    if (m.kind === 'cpu-fault' || m.kind === 'dev-fault') t.faults++;
    else if (m.kind === 'migration') t.migrations++;
    else if (m.kind === 'free') t.frees++;
    else t.invalidations++;
  }
  return out;
}
