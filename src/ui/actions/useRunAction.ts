import type { ActionResult } from '../../engine/result.ts';
import { useLab, type LabState } from '../store/store.ts';
import { handlesOn, liveHandles } from './pinHandles.ts';
import { runsOf, type LabAction } from './registry.ts';
import { useToolOptions } from './toolOptions.ts';

/** The live pin handles taken on a selected page, at the end of the run. */
export function selectionPins(s: LabState): number[] {
  if (!s.scenario || !s.summary || s.selected.length === 0) return [];
  const results: ActionResult[] = [];
  for (const a of s.summary.actions) if (a.i >= 0 && a.result) results[a.i] = a.result;
  return handlesOn(liveHandles(s.scenario.actions, results), runsOf(s.selected));
}

/** Build the action's scenario actions from the selection and options, append and play them. */
export function runLabAction(a: LabAction) {
  const s = useLab.getState();
  const o = useToolOptions.getState();
  const device = o.device ?? s.summary?.config.devices[0]?.name ?? null;
  const runs = runsOf(s.selected);
  if (a.needsPages && runs.length === 0) return;
  const pinsOnSelection = selectionPins(s);
  void s.append(a.build({ runs, device, value: o.value, prot: o.prot, pinsOnSelection }));
}
