// The What if… button beside the step controls: opens the dialog (code fetched on approach).
import { useSession } from '../session/store.ts';
import { useLab } from '../store/store.ts';

const preload = () => {
  void import('./WhatIfDialog.tsx');
  void import('./WhatIfView.tsx');
};

export function WhatIfButton() {
  const ready = useLab((s) => s.scenario !== null && !s.busy);
  const open = useSession((s) => s.whatif !== null);
  return (
    <button
      type="button"
      className="whatif-open"
      data-testid="whatif-open"
      disabled={!ready || open}
      onPointerEnter={preload}
      onFocus={preload}
      onClick={() => useSession.getState().set({ dialog: 'whatif' })}
      title="Change the next action and see both runs side by side"
    >
      What if…
    </button>
  );
}
