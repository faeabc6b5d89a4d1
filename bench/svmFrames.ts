// The svm eviction frame-time scenario: a 4096-page view whose last GPU fault needs a 512-page
// chunk while VRAM (1024 frames) holds two, so TTM evicts the oldest — 512 pages travel home
// as one chunk. `peak` is the eviction's waypoint with the most changes (migrate_device_finalize
// retargeting all 512 CPU entries), where the frames are measured.
import { encodeLink } from '../src/scenario/link.ts';
import { parseScenario } from '../src/scenario/schema.ts';
import type { Scenario } from '../src/scenario/types.ts';
import { createTimeline } from '../src/timeline/timeline.ts';

export function svmEvictLink(smoke: boolean) {
  const pages = smoke ? 256 : 4096;
  const chunk = smoke ? 32 : 512;
  const scenario: Scenario = {
    format: 'hmm-lab/scenario@2',
    title: `bench: a ${chunk}-page svm chunk is evicted over a ${pages}-page view`,
    config: {
      hostFrames: pages,
      devices: [{ name: 'xe0', frames: 2 * chunk, driver: 'svm', chunk }],
    },
    actions: [
      { op: 'mmap', start: 0, count: pages, prot: 'rw' },
      { op: 'cpu_write', start: 0, count: pages, value: 7 },
      { op: 'dev_read', device: 'xe0', start: 0, count: 2 * chunk },
      { op: 'dev_read', device: 'xe0', start: 2 * chunk, count: chunk },
    ],
  };
  const parsed = parseScenario(scenario);
  if (!parsed.ok) throw new Error(`svm eviction bench scenario is invalid: ${parsed.error}`);
  const t = createTimeline(parsed.scenario);
  const s = t.summary();
  const last = s.actions[s.actions.length - 1];
  let peak = -1;
  for (let i = last.first; i <= last.last; i++) {
    if (!t.call(i).path.includes('ttm_bo_evict')) continue;
    if (peak < 0 || t.changes(i).length > t.changes(peak).length) peak = i;
  }
  if (peak < 0) throw new Error('svm eviction bench scenario: no eviction');
  return {
    count: s.count,
    peak,
    what: `${chunk}-page chunk evicted`,
    hash: (step: number) => encodeLink(parsed.scenario, step),
  };
}
