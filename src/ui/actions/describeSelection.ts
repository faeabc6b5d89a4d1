import { pagesText } from '../model/describe.ts';
import { runsOf } from './registry.ts';

export function describeSelection(keys: readonly number[]): string {
  if (keys.length === 0) return 'Select pages (click, shift-click, drag) to act on them';
  const runs = runsOf(keys);
  const txt = runs
    .slice(0, 3)
    .map((r) => (r.pid === 1 ? '' : `pid ${r.pid} `) + pagesText(r.start, r.count))
    .join(', ');
  return `${keys.length} page${keys.length === 1 ? '' : 's'}: ${txt}${runs.length > 3 ? ', …' : ''}`;
}
