// The What if… branch beside the original: the shared CompareView, with Leave. Stepping the
// compare view keeps the lab's own step on the original's waypoint, so the link and a Leave
// land where the learner was.
import { useCallback, useMemo, useState } from 'react';
import { alignWhatIf, applyWhatIf, describeWhatIf } from '../../scenario/whatif.ts';
import type { ComparePoint } from '../../worker/compareProtocol.ts';
import CompareView from '../compare/CompareView.tsx';
import { setWhatIf } from '../session/recorder.ts';
import { useSession } from '../session/store.ts';
import { useLab } from '../store/store.ts';

export default function WhatIfView() {
  const base = useLab((s) => s.scenario);
  const edit = useSession((s) => s.whatif);
  const branch = useMemo(() => {
    if (!base || !edit) return null;
    try {
      const scenario = applyWhatIf(base, edit);
      return {
        scenario,
        label: `What if ${describeWhatIf(edit, base)}`,
        steps: alignWhatIf(base.actions.length, scenario.actions.length, edit),
      };
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
  }, [base, edit]);
  // Open at the original's current action (read once: stepping here moves it).
  const [startAt] = useState(() => {
    const { frame, summary } = useLab.getState();
    const span = summary?.actions.find(
      (s) => frame && frame.index >= s.first && frame.index <= s.last,
    );
    const j = span?.i ?? -1;
    if (!branch || 'error' in branch || j < 0) return -1;
    return branch.steps.findIndex(([l]) => l === j);
  });
  const onStep = useCallback((p: ComparePoint) => {
    const { frame, seek } = useLab.getState();
    if (frame?.index !== p.left.index) void seek(p.left.index, 'jump');
  }, []);
  if (!base || !branch) return null;
  const leave = (
    <button
      type="button"
      className="whatif-leave"
      data-testid="whatif-leave"
      onClick={() => setWhatIf(null)}
      title="Close the branch; the original is as you left it"
    >
      ← Back to the original
    </button>
  );
  if ('error' in branch)
    return (
      <div className="compare">
        <p className="cmp-error" role="alert">
          This what-if branch does not fit the scenario: {branch.error}
        </p>
        <div>{leave}</div>
      </div>
    );
  return (
    <CompareView
      title="What if…"
      left={{ label: base.title ? `Original: ${base.title}` : 'Original', scenario: base }}
      right={{ label: branch.label, scenario: branch.scenario }}
      steps={branch.steps}
      startAt={startAt}
      onStep={onStep}
      actions={leave}
    />
  );
}
