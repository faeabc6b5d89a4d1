// Random scenarios small enough to hit the corners: 1-3 devices with 1-6 frames, 2-12 host frames,
// pages 0-12, so ENOMEM, ENOENT, EINVAL and the retry loop all happen often.
import fc from 'fast-check';
import { SCENARIO_FORMAT, SCENARIO_FORMAT_V2 } from '../../scenario/types.ts';
import type { Action, InterleaveAction, Prot, Scenario } from '../../scenario/types.ts';

const LAST_PAGE = 12;
const NAMES = ['gpu0', 'gpu1', 'gpu2'];

const prot = fc.oneof(
  { arbitrary: fc.constant<Prot>('none'), weight: 1 },
  { arbitrary: fc.constant<Prot>('r'), weight: 2 },
  { arbitrary: fc.constant<Prot>('rw'), weight: 5 },
);
const value = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 99 }), weight: 8 },
  { arbitrary: fc.constantFrom(0, -1, -2147483648, 4294967295), weight: 1 },
);
// MAP_SHARED only now and then: its pages never migrate, which would starve the device paths.
const rarely = fc.integer({ min: 0, max: 5 }).map((k) => k === 0);
export const range = fc
  .tuple(fc.integer({ min: 0, max: LAST_PAGE }), fc.integer({ min: 1, max: 4 }))
  .map(([start, n]) => ({ start, count: Math.min(n, LAST_PAGE + 1 - start) }));

/** A write payload: `value` for the whole range or `values`, one per page. */
export const write = <T extends { start: number; count: number }>(r: T) =>
  fc.oneof(
    value.map((v) => ({ ...r, value: v })),
    fc.array(value, { minLength: r.count, maxLength: r.count }).map((vs) => ({ ...r, values: vs })),
  );

export function cpuActions(): fc.Arbitrary<InterleaveAction> {
  return fc.oneof(
    { arbitrary: fc.tuple(range, prot, rarely).map(([r, p, sh]) => mmap(r, p, sh)), weight: 4 },
    { arbitrary: range.map((r) => ({ op: 'munmap' as const, ...r })), weight: 1 },
    {
      arbitrary: fc
        .tuple(range, prot)
        .map(([r, p]) => ({ op: 'mprotect' as const, ...r, prot: p })),
      weight: 2,
    },
    { arbitrary: range.map((r) => ({ op: 'cpu_read' as const, ...r })), weight: 3 },
    { arbitrary: range.chain(write).map((w) => ({ op: 'cpu_write' as const, ...w })), weight: 3 },
  );
}

export function mmap(
  r: { start: number; count: number },
  p: Prot,
  shared: boolean,
): InterleaveAction {
  return { op: 'mmap', ...r, prot: p, ...(shared ? { shared: true } : {}) };
}

/** Migrations and exclusive access naming a device other than `self`. */
function otherDeviceActions(others: string[]): fc.Arbitrary<InterleaveAction> {
  const dev = fc.constantFrom(...others);
  return fc.oneof(
    fc.tuple(dev, range).map(([d, r]) => ({ op: 'migrate_to_device' as const, device: d, ...r })),
    fc.tuple(dev, range).map(([d, r]) => ({ op: 'migrate_to_host' as const, device: d, ...r })),
    dev.map((d) => ({ op: 'release' as const, device: d })),
    fc.tuple(dev, range).map(([d, r]) => ({ op: 'make_exclusive' as const, device: d, ...r })),
  );
}

function interleaveFor(self: string, names: string[]): fc.Arbitrary<InterleaveAction | undefined> {
  const others = names.filter((n) => n !== self);
  const pick = others.length ? fc.oneof(cpuActions(), otherDeviceActions(others)) : cpuActions();
  return fc.option(pick, { freq: 3, nil: undefined });
}

/** `interleave`: device accesses may carry an interleaved action. */
export function deviceAction(names: string[], interleave = true): fc.Arbitrary<Action> {
  const dev = fc.constantFrom(...names);
  const withInterleave = <A extends Action>(a: A & { device: string }) =>
    interleave
      ? interleaveFor(a.device, names).map((il) => (il ? { ...a, interleave: il } : a))
      : fc.constant(a);
  return fc.oneof(
    {
      arbitrary: fc
        .tuple(dev, range)
        .chain(([d, r]) => withInterleave({ op: 'dev_read' as const, device: d, ...r })),
      weight: 4,
    },
    {
      arbitrary: fc
        .tuple(dev, range.chain(write))
        .chain(([d, w]) => withInterleave({ op: 'dev_write' as const, device: d, ...w })),
      weight: 4,
    },
    {
      arbitrary: fc
        .tuple(dev, range)
        .map(([d, r]) => ({ op: 'migrate_to_device' as const, device: d, ...r })),
      weight: 4,
    },
    {
      arbitrary: fc
        .tuple(dev, range)
        .map(([d, r]) => ({ op: 'migrate_to_host' as const, device: d, ...r })),
      weight: 2,
    },
    { arbitrary: dev.map((d) => ({ op: 'release' as const, device: d })), weight: 1 },
    {
      arbitrary: fc
        .tuple(dev, range)
        .map(([d, r]) => ({ op: 'make_exclusive' as const, device: d, ...r })),
      weight: 2,
    },
    {
      arbitrary: fc
        .tuple(dev, range)
        .map(([d, r]) => ({ op: 'check_exclusive' as const, device: d, ...r })),
      weight: 1,
    },
    {
      arbitrary: fc
        .tuple(dev, range)
        .map(([d, r]) => ({ op: 'snapshot' as const, device: d, ...r })),
      weight: 1,
    },
    { arbitrary: dev.map((d) => ({ op: 'fail_next_alloc' as const, device: d })), weight: 1 },
  );
}

/** @2: pin (long-term or not) and unpin of one of the first handles. */
const pinActions: fc.Arbitrary<Action> = fc.oneof(
  {
    arbitrary: fc
      .tuple(range, fc.boolean())
      .map(([r, lt]) => ({ op: 'pin' as const, ...r, ...(lt ? {} : { longterm: false }) })),
    weight: 2,
  },
  {
    arbitrary: fc.integer({ min: 1, max: 5 }).map((pin) => ({ op: 'unpin' as const, pin })),
    weight: 1,
  },
);

function action(names: string[], pins = false): fc.Arbitrary<Action> {
  const a = fc.oneof(
    { arbitrary: cpuActions() as fc.Arbitrary<Action>, weight: 5 },
    { arbitrary: deviceAction(names), weight: 6 },
    ...(pins ? [{ arbitrary: pinActions, weight: 2 }] : []),
  );
  // Now and then a pid that does not exist: ESRCH, nothing else.
  return fc
    .tuple(a, fc.integer({ min: 0, max: 39 }))
    .map(([x, k]) => (k === 0 ? { ...x, pid: 2 } : x));
}

/** Knobs for prop-long's profiles; the defaults are the unit test's. */
export interface ArbOptions {
  hostFrames?: [number, number];
  deviceFrames?: [number, number];
  maxActions?: number;
  /** @2: a mix of private and coherent devices, and pin/unpin. */
  coherent?: boolean;
}

export function scenarioArbWith(opts: ArbOptions = {}): fc.Arbitrary<Scenario> {
  const [hMin, hMax] = opts.hostFrames ?? [2, 12];
  const [fMin, fMax] = opts.deviceFrames ?? [1, 6];
  return fc
    .record({
      hostFrames: fc.integer({ min: hMin, max: hMax }),
      frames: fc.array(fc.integer({ min: fMin, max: fMax }), { minLength: 1, maxLength: 3 }),
      coherent: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
    })
    .chain(({ hostFrames, frames, coherent }) => {
      const devices = frames.map((f, k) =>
        opts.coherent && coherent[k]
          ? { name: NAMES[k], frames: f, memory: 'coherent' as const }
          : { name: NAMES[k], frames: f },
      );
      const names = devices.map((d) => d.name);
      // Mostly start with the whole window mapped, so accesses reach the interesting paths.
      const first = fc.oneof(
        {
          arbitrary: fc.constant(mmap({ start: 0, count: LAST_PAGE + 1 }, 'rw', false)),
          weight: 3,
        },
        { arbitrary: fc.tuple(range, prot).map(([r, p]) => mmap(r, p, false)), weight: 1 },
      ) as fc.Arbitrary<Action>;
      // size 'max': without it fast-check keeps arrays near 10 long whatever maxLength says.
      const rest = fc.array(action(names, opts.coherent), {
        maxLength: opts.maxActions ?? 24,
        size: 'max',
      });
      return fc.tuple(first, rest).map(([m, more]) => ({
        format: opts.coherent ? SCENARIO_FORMAT_V2 : SCENARIO_FORMAT,
        title: 'property',
        config: { hostFrames, devices },
        actions: [m, ...more],
      }));
    });
}

export const scenarioArb: fc.Arbitrary<Scenario> = scenarioArbWith();
/** @2: private and coherent devices mixed, with pins. */
export const coherentScenarioArb: fc.Arbitrary<Scenario> = scenarioArbWith({ coherent: true });

/** prop-long profiles: the unit test's mix, starved pools, and long sequences. */
export const PROFILES: Record<string, ArbOptions> = {
  default: {},
  tight: { hostFrames: [1, 3], deviceFrames: [1, 2] },
  long: { hostFrames: [4, 16], deviceFrames: [2, 8], maxActions: 120 },
  coherent: { coherent: true },
  'coherent-tight': { hostFrames: [1, 3], deviceFrames: [1, 2], coherent: true },
};

/**
 * Scenarios with `fork` (forkCheck.ts): each action names one of the processes there are by
 * then (now and then one that does not exist yet: ESRCH). No interleaves, and host RAM enough
 * that no allocation fails, so every value a process reads is certain.
 */
export const forkScenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    frames: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 3 }),
    actions: fc.array(
      fc.tuple(
        fc.oneof(
          { arbitrary: cpuActions() as fc.Arbitrary<Action>, weight: 5 },
          { arbitrary: deviceAction(NAMES, false), weight: 5 },
          { arbitrary: fc.constant<Action>({ op: 'fork' }), weight: 2 },
        ),
        fc.integer({ min: 0, max: 99 }),
      ),
      { maxLength: 30, size: 'max' },
    ),
  })
  .map(({ frames, actions }) => {
    const devices = frames.map((f, k) => ({ name: NAMES[k], frames: f }));
    const known = devices.map((d) => d.name);
    return {
      format: SCENARIO_FORMAT,
      title: 'fork property',
      // An action allocates at most a frame for each of its (at most 4) pages, plus one copy in
      // flight: 30 actions never run out.
      config: { hostFrames: 160, devices },
      actions: [
        mmap({ start: 0, count: LAST_PAGE + 1 }, 'rw', false),
        // Name only declared devices: the arbitrary drew from all three names.
        ...withPids(actions.filter(([a]) => !('device' in a) || known.includes(a.device))),
      ],
    };
  });

/** Actions each drawn with a number k, given the pid k picks among the processes there are by
 *  then: k < 5 names the next pid, one not forked yet (ESRCH, or the child if it forks). */
export function withPids(actions: [Action, number][]): Action[] {
  let procs = 1;
  return actions.map(([a, k]) => {
    const pid = k < 5 ? procs + 1 : 1 + (k % procs);
    if (a.op === 'fork' && pid <= procs) procs++;
    return pid === 1 ? a : { ...a, pid };
  });
}
