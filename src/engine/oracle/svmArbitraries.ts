// Random scenarios mixing svm devices (hmm-model-v2.md O–R) with dmirror devices, each with
// private or coherent memory (K–N): svm devices get only the ops they take (dev_read,
// dev_write, snapshot, release, fail_next_alloc) and no interleave; dmirror interleaves name
// only dmirror devices. Ranges of 1–8 pages over tiny VRAM and host pools, so eviction, aborted
// migrations and ENOMEM all happen often.
import fc from 'fast-check';
import { SCENARIO_FORMAT_V2 } from '../../scenario/types.ts';
import type { Action, DeviceConfig, Scenario } from '../../scenario/types.ts';
import { cpuActions, deviceAction, mmap, range, withPids, write } from './arbitraries.ts';

const NAMES = ['gpu0', 'gpu1', 'gpu2'];

function svmAction(names: string[]): fc.Arbitrary<Action> {
  const dev = fc.constantFrom(...names);
  return fc.oneof(
    {
      arbitrary: fc
        .tuple(dev, range)
        .map(([d, r]) => ({ op: 'dev_read' as const, device: d, ...r })),
      weight: 5,
    },
    {
      arbitrary: fc
        .tuple(dev, range.chain(write))
        .map(([d, w]) => ({ op: 'dev_write' as const, device: d, ...w })),
      weight: 5,
    },
    { arbitrary: dev.map((d) => ({ op: 'release' as const, device: d })), weight: 1 },
    {
      arbitrary: fc
        .tuple(dev, range)
        .map(([d, r]) => ({ op: 'snapshot' as const, device: d, ...r })),
      weight: 1,
    },
    { arbitrary: dev.map((d) => ({ op: 'fail_next_alloc' as const, device: d })), weight: 1 },
  );
}

/** pin_user_pages / unpin_user_pages (flows M, N): a pinned page never migrates; a long-term
 *  pin moves a coherent page home first, a short-term one pins it where it is. */
const pins: fc.Arbitrary<Action> = fc.oneof(
  fc
    .tuple(range, fc.boolean())
    .map(([r, lt]) => ({ op: 'pin' as const, ...r, ...(lt ? {} : { longterm: false }) })),
  fc.integer({ min: 1, max: 3 }).map((pin) => ({ op: 'unpin' as const, pin })),
);

const device = (k: number) =>
  fc
    .record({
      frames: fc.integer({ min: 1, max: 8 }),
      svm: fc.integer({ min: 0, max: 2 }).map((x) => x > 0),
      chunk: fc.constantFrom(1, 2, 4, 8),
      coherent: fc.boolean(),
    })
    .map(({ frames, svm, chunk, coherent }): DeviceConfig => {
      const d: DeviceConfig = svm
        ? { name: NAMES[k], frames, driver: 'svm', chunk }
        : { name: NAMES[k], frames };
      if (coherent) d.memory = 'coherent';
      return d;
    });

/** The actions a scenario with these devices draws from, weighted: each device gets its own
 *  driver's ops; `interleave` only for dmirror accesses. */
function actionsFor(devices: DeviceConfig[], interleave: boolean): fc.WeightedArbitrary<Action>[] {
  const svm = devices.filter((d) => d.driver === 'svm').map((d) => d.name);
  const dmirror = devices.filter((d) => d.driver !== 'svm').map((d) => d.name);
  const pick: fc.WeightedArbitrary<Action>[] = [
    { arbitrary: cpuActions() as fc.Arbitrary<Action>, weight: 5 },
    { arbitrary: pins, weight: 1 },
  ];
  if (svm.length) pick.push({ arbitrary: svmAction(svm), weight: 6 });
  if (dmirror.length) pick.push({ arbitrary: deviceAction(dmirror, interleave), weight: 3 });
  return pick;
}

const devicesArb = fc
  .integer({ min: 1, max: 3 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, k) => device(k))));

export const svmScenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    hostFrames: fc.integer({ min: 2, max: 16 }),
    n: fc.integer({ min: 1, max: 3 }),
  })
  .chain(({ hostFrames, n }) =>
    fc.tuple(...Array.from({ length: n }, (_, k) => device(k))).chain((devices) => {
      const pick = actionsFor(devices, true);
      const first = fc.constant(mmap({ start: 0, count: 13 }, 'rw', false) as Action);
      return fc
        .tuple(first, fc.array(fc.oneof(...pick), { maxLength: 24, size: 'max' }))
        .map(([m, more]) => ({
          format: SCENARIO_FORMAT_V2,
          title: 'svm property',
          config: { hostFrames, devices },
          actions: [m, ...more],
        }));
    }),
  );

/**
 * svm and dmirror devices with `fork` (judged by forkCheck.ts): a child faults its own copy of
 * the range on an svm device, rmap walks meet the parent's and the child's mappings of one
 * page. No interleaves and host RAM enough for every page, so every value is certain.
 */
export const svmForkScenarioArb: fc.Arbitrary<Scenario> = devicesArb.chain((devices) => {
  const fork: fc.WeightedArbitrary<Action> = { arbitrary: fc.constant({ op: 'fork' }), weight: 2 };
  const one = fc.oneof(...actionsFor(devices, false), fork);
  return fc
    .array(fc.tuple(one, fc.integer({ min: 0, max: 99 })), { maxLength: 30, size: 'max' })
    .map((actions) => ({
      format: SCENARIO_FORMAT_V2,
      title: 'svm fork property',
      config: { hostFrames: 160, devices },
      actions: [mmap({ start: 0, count: 13 }, 'rw', false) as Action, ...withPids(actions)],
    }));
});
