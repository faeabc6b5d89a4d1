// Compare drivers: the same accesses with one device as dmirror and as svm (or its memory as
// private and as coherent). An svm device lacks dmirror's commands (driverOps.ts), so turning a
// dmirror device into an svm one translates its actions deliberately and says so:
// - migrate_to_device → dev_read of the same pages: an svm device migrates a range when the GPU
//   faults on it (xe_svm_handle_pagefault), so the GPU touching the pages stands in for the
//   explicit migrate — as nouveau's bind-migrate stands where xe just faults;
// - migrate_to_host, make_exclusive, check_exclusive → dropped (the svm side waits that step):
//   there is no such command, only the CPU touch, eviction and release;
// - an interleave on, or naming, the svm device → the interleaved action runs right after,
//   since an svm fault round cannot be interleaved.
// An svm device turned dmirror keeps every action: dmirror takes all of svm's ops.
import { DMIRROR_ONLY, whyNotOnSvm } from './driverOps.ts';
import {
  deviceDriver,
  deviceMemory,
  SCENARIO_FORMAT_V2,
  type Action,
  type DeviceConfig,
  type DeviceDriver,
  type DeviceMemory,
  type Scenario,
} from './types.ts';
import type { AlignedStep } from './whatif.ts';

export interface Variant {
  driver: DeviceDriver;
  memory: DeviceMemory;
}

export interface Translated {
  scenario: Scenario;
  /** For each action of the original, the indices of the actions it became (none: dropped). */
  became: number[][];
  /** What the translation changed and why, by the original action's index. */
  notes: { action: number; text: string }[];
}

/** The original's device as that variant (same name and frames; svm keeps its chunk size). */
function deviceAs(d: DeviceConfig, v: Variant): DeviceConfig {
  const out: DeviceConfig = { name: d.name, frames: d.frames };
  if (v.memory === 'coherent') out.memory = 'coherent';
  if (v.driver === 'svm') {
    out.driver = 'svm';
    if (d.chunk !== undefined) out.chunk = d.chunk;
  }
  return out;
}

const names = (a: Action, device: string) => 'device' in a && a.device === device;

/** `a` for a scenario whose `device` is svm: the actions it becomes, and a note if it changed. */
function forSvm(a: Action, device: string): { actions: Action[]; note: string | null } {
  if (names(a, device) && a.op === 'migrate_to_device') {
    const { start, count, pid } = a;
    const read: Action = { op: 'dev_read', device, start };
    if (count !== undefined) read.count = count;
    if (pid !== undefined) read.pid = pid;
    return {
      actions: [read],
      note: 'migrate_to_device becomes dev_read: an svm device migrates a range when the GPU faults on it, so the GPU touching the pages stands in for the explicit migrate',
    };
  }
  if (names(a, device) && DMIRROR_ONLY.has(a.op))
    return { actions: [], note: `${a.op} is dropped: ${whyNotOnSvm(a.op)}` };
  if ((a.op === 'dev_read' || a.op === 'dev_write') && a.interleave) {
    const inner = a.interleave;
    if (a.device === device || names(inner, device)) {
      const outer = { ...a };
      delete outer.interleave;
      const after = forSvm(inner, device);
      const why =
        a.device === device
          ? 'an svm fault round cannot be interleaved'
          : 'an interleaved action may not name an svm device';
      const tail = after.note ? `; then ${after.note}` : '';
      return {
        actions: [outer, ...after.actions],
        note: `the interleaved ${inner.op} runs after ${a.op} instead: ${why}${tail}`,
      };
    }
  }
  return { actions: [a], note: null };
}

/** The scenario with `device` as variant `v`: its actions translated where the driver needs. */
export function asVariant(s: Scenario, device: string, v: Variant): Translated {
  const d = s.config.devices.find((x) => x.name === device);
  if (!d) throw new Error(`no device ${device}`);
  const same = deviceDriver(d) === v.driver && deviceMemory(d) === v.memory;
  if (same) return { scenario: s, became: s.actions.map((_, i) => [i]), notes: [] };
  const actions: Action[] = [];
  const became: number[][] = [];
  const notes: Translated['notes'] = [];
  s.actions.forEach((a, i) => {
    const t = v.driver === 'svm' ? forSvm(a, device) : { actions: [a], note: null };
    became.push(t.actions.map((_, j) => actions.length + j));
    actions.push(...t.actions);
    if (t.note) notes.push({ action: i, text: t.note });
  });
  const scenario: Scenario = {
    ...s,
    format: SCENARIO_FORMAT_V2,
    config: {
      ...s.config,
      devices: s.config.devices.map((x) => (x.name === device ? deviceAs(x, v) : x)),
    },
    actions,
  };
  return { scenario, became, notes };
}

/** The two runs stepped together, action by action of the original: a side whose translation
 *  dropped the action waits; one that split it takes its extra step while the other waits. */
export function alignVariants(left: number[][], right: number[][]): AlignedStep[] {
  const steps: AlignedStep[] = [];
  left.forEach((l, i) => {
    const r = right[i];
    for (let j = 0; j < Math.max(l.length, r.length); j++) steps.push([l[j] ?? null, r[j] ?? null]);
  });
  return steps;
}

export interface DriverPair {
  id: 'driver' | 'memory';
  left: Variant;
  right: Variant;
}

/** What Compare drivers can put side by side for a device: dmirror against svm on the device's
 *  memory, and private against coherent memory under the device's driver. */
export function pairsFor(d: DeviceConfig): DriverPair[] {
  const memory = deviceMemory(d);
  const driver = deviceDriver(d);
  return [
    { id: 'driver', left: { driver: 'dmirror', memory }, right: { driver: 'svm', memory } },
    {
      id: 'memory',
      left: { driver, memory: 'private' },
      right: { driver, memory: 'coherent' },
    },
  ];
}

/** A variant as a pane's label. */
export const variantLabel = (v: Variant): string =>
  `${v.driver === 'svm' ? 'svm (xe, amdgpu)' : 'dmirror (test_hmm)'} · ${v.memory} memory`;
