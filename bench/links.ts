// preset_link_chars_max: the longest share link (#v1.…&h=…&ha=…, the run's digest included)
// among all presets.
import { encodeLink } from '../src/scenario/link.ts';
import { PRESETS } from '../src/scenario/presets/index.ts';
import { createTimeline } from '../src/timeline/timeline.ts';
import { metric, notMeasured, reason, type Metrics } from './lib.ts';

export function benchLinks(): Metrics {
  try {
    let longest = { id: '', chars: 0 };
    for (const p of PRESETS) {
      const chars = encodeLink(p.scenario, undefined, createTimeline(p.scenario).digest()).length;
      if (chars > longest.chars) longest = { id: p.id, chars };
    }
    if (!longest.id) throw new Error('no presets');
    return {
      preset_link_chars_max: metric(
        longest.chars,
        'chars',
        { max: 200 },
        `${longest.id}, ${PRESETS.length} presets`,
      ),
    };
  } catch (e) {
    return { preset_link_chars_max: notMeasured('chars', reason(e), '<= 200') };
  }
}
