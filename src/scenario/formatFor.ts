// Which format a scenario needs (hmm-model-v2.md Part 2): a @1 scenario that gains a @2 field
// or op becomes @2; one that gains none stays @1, so its link stays `#v1.` as it always was.
import { SCENARIO_FORMAT, SCENARIO_FORMAT_V2, V2_OPS, type Op } from './types.ts';

const V2_DEVICE_FIELDS = ['memory', 'driver', 'chunk'] as const;

/** The shape shared by a Scenario and the editor's draft of one. */
interface Shape {
  format: string;
  config?: { devices?: readonly unknown[] };
  actions: readonly { op: string }[];
}

/** True when the scenario uses a field or op that exists only in @2. */
export function usesV2(s: Pick<Shape, 'config' | 'actions'>): boolean {
  const devices = s.config?.devices ?? [];
  const v2Device = devices.some(
    (d) => !!d && typeof d === 'object' && V2_DEVICE_FIELDS.some((k) => k in d),
  );
  return v2Device || s.actions.some((a) => V2_OPS.includes(a.op as Op));
}

/**
 * `s` with the format it needs: @1 moves up to @2 when it uses a @2 feature. A @2 scenario
 * stays @2, and any other format is left for validation to name.
 */
export function withFormatFor<T extends Shape>(s: T): T {
  return s.format === SCENARIO_FORMAT && usesV2(s) ? { ...s, format: SCENARIO_FORMAT_V2 } : s;
}
