import { useLab } from '../store/store.ts';
import { runsOf, type LabAction } from './registry.ts';
import { useToolOptions } from './toolOptions.ts';

/** Build the action's scenario actions from the selection and options, append and play them. */
export function runLabAction(a: LabAction) {
  const s = useLab.getState();
  const o = useToolOptions.getState();
  const device = o.device ?? s.summary?.config.devices[0]?.name ?? null;
  const runs = runsOf(s.selected);
  if (a.needsPages && runs.length === 0) return;
  void s.append(a.build({ runs, device, value: o.value, prot: o.prot }));
}
