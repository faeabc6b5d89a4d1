// fast-check generators of valid scenarios (tests only: fast-check is a dev dependency).
import fc from 'fast-check';
import { LIMITS, SCENARIO_FORMAT, type Action, type Scenario } from './types.ts';

// gpu0, 64 host frames and 32 device frames come up often so DEFAULT_CONFIG does too.
const deviceName = fc.oneof(fc.constant('gpu0'), fc.stringMatching(/^[a-z][a-z0-9_-]{0,15}$/));
const prot = fc.constantFrom('none' as const, 'r' as const, 'rw' as const);
const value = fc.integer({ min: LIMITS.valueMin, max: LIMITS.valueMax });
const pid = fc.integer({ min: 1, max: 2147483647 });

/** Any UTF-16 text, lone surrogates included (fc.string's 'binary' unit is much slower). */
export function anyText(maxLength: number): fc.Arbitrary<string> {
  return fc
    .array(fc.integer({ min: 0, max: 0xffff }), { maxLength })
    .map((units) => String.fromCharCode(...units));
}

/** start and an optional count that keep the range inside the page space. */
const range = fc
  .tuple(fc.integer({ min: 0, max: LIMITS.maxPage }), fc.option(fc.integer({ min: 1, max: 16 })))
  .map(([start, count]) => {
    const s = count === null ? start : Math.min(start, LIMITS.maxPage + 1 - count);
    return count === null ? { start: s } : { start: s, count };
  });

function opt<K extends string, V>(
  key: K,
  arb: fc.Arbitrary<V>,
): fc.Arbitrary<Partial<Record<K, V>>> {
  return fc.option(arb).map((v) => (v === null ? {} : ({ [key]: v } as Record<K, V>)));
}

function write(count: number | undefined): fc.Arbitrary<{ value: number } | { values: number[] }> {
  const n = count ?? 1;
  return fc.oneof(
    value.map((v) => ({ value: v })),
    fc.array(value, { minLength: n, maxLength: n }).map((values) => ({ values })),
  );
}

function withPid<T extends object>(arb: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.tuple(arb, opt('pid', pid)).map(([a, p]) => ({ ...a, ...p }));
}

function hostAction(): fc.Arbitrary<Action> {
  return withPid(
    fc.oneof(
      fc.tuple(range, prot, opt('shared', fc.boolean())).map(([r, p, s]) => ({
        op: 'mmap' as const,
        ...r,
        prot: p,
        ...s,
      })),
      range.map((r) => ({ op: 'munmap' as const, ...r })),
      fc.tuple(range, prot).map(([r, p]) => ({ op: 'mprotect' as const, ...r, prot: p })),
      range.map((r) => ({ op: 'cpu_read' as const, ...r })),
      range.chain((r) => write(r.count).map((w) => ({ op: 'cpu_write' as const, ...r, ...w }))),
    ),
  );
}

function deviceAction(devices: string[], interleaves: boolean): fc.Arbitrary<Action> {
  const device = fc.constantFrom(...devices);
  const devRange = fc.tuple(device, range).map(([d, r]) => ({ device: d, ...r }));
  const interleave = (dev: string) =>
    interleaves
      ? opt('interleave', interleaveAction(devices.filter((d) => d !== dev)))
      : fc.constant({});
  const ops = ['migrate_to_device', 'migrate_to_host', 'make_exclusive'] as const;
  const checks = ['check_exclusive', 'snapshot'] as const;
  return withPid(
    fc.oneof(
      fc.tuple(fc.constantFrom(...ops, ...checks), devRange).map(([op, r]) => ({ op, ...r })),
      device.map((d) => ({ op: 'release' as const, device: d })),
      device.map((d) => ({ op: 'fail_next_alloc' as const, device: d })),
      devRange.chain((r) =>
        interleave(r.device).map((i) => ({ op: 'dev_read' as const, ...r, ...i })),
      ),
      devRange.chain((r) =>
        fc
          .tuple(write(r.count), interleave(r.device))
          .map(([w, i]) => ({ op: 'dev_write' as const, ...r, ...w, ...i })),
      ),
    ),
  ) as fc.Arbitrary<Action>;
}

/** What a device access may interleave, given the devices other than its own. */
function interleaveAction(others: string[]): fc.Arbitrary<Action> {
  if (others.length === 0) return hostAction();
  const foreign = deviceAction(others, false).filter((a) =>
    ['migrate_to_device', 'migrate_to_host', 'release', 'make_exclusive'].includes(a.op),
  );
  return fc.oneof(hostAction(), foreign);
}

export const validScenario: fc.Arbitrary<Scenario> = fc
  .uniqueArray(deviceName, { minLength: 1, maxLength: LIMITS.devices })
  .chain((names) =>
    fc.record(
      {
        format: fc.constant(SCENARIO_FORMAT),
        title: anyText(40),
        description: fc.string({ maxLength: 80 }),
        config: fc.record({
          hostFrames: fc.oneof(fc.constant(64), fc.integer({ min: 1, max: LIMITS.hostFrames })),
          devices: fc.tuple(
            ...names.map((name) =>
              fc
                .oneof(fc.constant(32), fc.integer({ min: 1, max: LIMITS.deviceFrames }))
                .map((frames) => ({ name, frames })),
            ),
          ),
        }),
        actions: fc.array(
          fc.oneof(hostAction(), deviceAction(names, true), fc.constant({ op: 'fork' as const })),
          { maxLength: 12 },
        ),
      },
      { requiredKeys: ['format', 'config', 'actions'] },
    ),
  )
  // fast-check builds records without a prototype; real scenarios come from JSON.parse.
  .map((s) => structuredClone(s)) as fc.Arbitrary<Scenario>;
