// A CPU load or store that reaches a device-coherent frame directly (hmm-model-v2.md L.2): the
// engine's access waypoint names the device and frame it hit in its subject. Read from that
// structured subject, never from the sentence.
import type { Waypoint } from '../../engine/trace.ts';
import { devKey, pageKey } from './keys.ts';
import { subjectDevice, subjectPage } from './subject.ts';

export interface CoherentAccess {
  kind: 'load' | 'store';
  page: number;
  /** Element keys: the virtual page and the device frame the CPU reached. */
  from: string;
  to: string;
  dev: number;
}

export function coherentAccess(wp: Waypoint, names: readonly string[]): CoherentAccess | null {
  if (wp.layer !== 'cpu' || (wp.fn !== 'cpu_read' && wp.fn !== 'cpu_write')) return null;
  const page = subjectPage(wp);
  const dev = subjectDevice(wp, names);
  const frame = wp.subject.frame;
  if (page === null || dev < 0 || frame === undefined) return null;
  return {
    kind: wp.fn === 'cpu_read' ? 'load' : 'store',
    page,
    from: pageKey(wp.subject.pid ?? 1, page),
    to: devKey(dev, frame),
    dev,
  };
}
