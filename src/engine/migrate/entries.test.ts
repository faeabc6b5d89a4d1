// The fields of a CPU entry follow its state (state.ts VPage): `dev` names a device only for
// device-private entries (and migration entries made from them) and device-exclusive ones;
// `loc` names a device only where `frame` is that device's coherent frame. Checked at every
// change of every entry while pages migrate both ways, in private and in coherent memory.
import { describe, expect, it } from 'vitest';
import type { Action, ScenarioConfig } from '../../scenario/types.ts';
import { SCENARIO_FORMAT_V2 } from '../../scenario/types.ts';
import { createTimeline } from '../../timeline/timeline.ts';
import type { VPage } from '../state.ts';
import { build } from '../selftests/scenario.ts';

function fieldProblem(v: VPage): string | null {
  switch (v.state) {
    case 'none':
    case 'zero':
      return v.dev === -1 && v.loc === -1 && v.frame === -1 ? null : 'no frame, no device';
    case 'present':
      return v.dev === -1 && v.frame >= 0 ? null : 'a frame, no device-private owner';
    case 'device-private':
      return v.dev >= 0 && v.loc === -1 ? null : 'a device, in its private memory';
    case 'device-exclusive':
      return v.dev >= 0 ? null : 'the device holding it';
    case 'migration':
      return v.dev === -1 || v.loc === -1 ? null : 'from private or from coherent memory';
  }
}

function problems(actions: Action[], config: ScenarioConfig): string[] {
  const tl = createTimeline({ ...build(actions, config), format: SCENARIO_FORMAT_V2 });
  const out: string[] = [];
  for (const pid of [1, 2])
    for (let page = 0; page < 4; page++)
      for (const e of tl.pteEvents(pid, page)) {
        const p = e.after && fieldProblem(e.after);
        if (p)
          out.push(`${tl.fn(e.seq)}: pid ${pid} page ${page} ${JSON.stringify(e.after)}: ${p}`);
      }
  return out;
}

// Pages 0–1 written, 2–3 untouched: migration has both kinds of source.
const ROUND_TRIP: Action[] = [
  { op: 'mmap', start: 0, count: 4, prot: 'rw' },
  { op: 'cpu_write', start: 0, count: 2, values: [5, 6] },
  { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 4 },
  { op: 'fork' },
  { op: 'migrate_to_host', device: 'gpu0', start: 0, count: 2 },
  { op: 'cpu_read', start: 2, count: 2 },
];

describe('CPU entry fields', () => {
  it('follow the state through a round trip in device-private memory', () => {
    expect(
      problems(ROUND_TRIP, { hostFrames: 16, devices: [{ name: 'gpu0', frames: 8 }] }),
    ).toEqual([]);
  });

  it('follow the state through a round trip in coherent memory', () => {
    const config: ScenarioConfig = {
      hostFrames: 16,
      devices: [{ name: 'gpu0', frames: 8, memory: 'coherent' }],
    };
    expect(problems(ROUND_TRIP, config)).toEqual([]);
  });
});
