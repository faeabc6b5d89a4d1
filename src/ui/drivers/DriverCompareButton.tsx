// Compare drivers, beside What if…: the loaded scenario's device as dmirror and as svm.
import { useSession } from '../session/store.ts';
import { useLab } from '../store/store.ts';
import { useDriverCompare } from './store.ts';

const preload = () => void import('./DriverCompareView.tsx');

export function DriverCompareButton() {
  const device = useLab((s) => s.scenario?.config.devices[0]?.name ?? null);
  const ready = useLab((s) => s.scenario !== null && !s.busy);
  const whatif = useSession((s) => s.whatif !== null);
  const open = useDriverCompare((s) => s.device !== null);
  return (
    <button
      type="button"
      className="whatif-open"
      data-testid="drivers-open"
      disabled={!ready || !device || open || whatif}
      onPointerEnter={preload}
      onFocus={preload}
      onClick={() => useDriverCompare.getState().set({ device, pair: 'driver' })}
      title="The same accesses with the device as dmirror and as svm, side by side"
    >
      Compare drivers
    </button>
  );
}
