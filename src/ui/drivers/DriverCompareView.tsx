// Compare drivers: the shared CompareView on the loaded scenario with one device as dmirror and
// as svm (or its memory private and coherent), stepped together by the original's actions.
// The translation (scenario/driverSwap.ts) says what it changed for the svm side; that list
// sits above the panes, each entry naming the action it is about.
import { useMemo } from 'react';
import {
  alignVariants,
  asVariant,
  pairsFor,
  variantLabel,
  type Translated,
} from '../../scenario/driverSwap.ts';
import { describeAction } from '../model/describe.ts';
import CompareView from '../compare/CompareView.tsx';
import { useLab } from '../store/store.ts';
import { useDriverCompare, type PairId } from './store.ts';
import './drivers.css';

const PAIRS: { id: PairId; label: string }[] = [
  { id: 'driver', label: 'dmirror ↔ svm' },
  { id: 'memory', label: 'private ↔ coherent' },
];

export default function DriverCompareView() {
  const base = useLab((s) => s.scenario);
  const { device, pair: pairId, set } = useDriverCompare();
  const made = useMemo(() => {
    const d = base?.config.devices.find((x) => x.name === device);
    if (!base || !d) return null;
    const pair = pairsFor(d).find((p) => p.id === pairId)!;
    try {
      const left = asVariant(base, d.name, pair.left);
      const right = asVariant(base, d.name, pair.right);
      return { pair, left, right, steps: alignVariants(left.became, right.became) };
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
  }, [base, device, pairId]);
  if (!base || !made) return null;
  const close = () => set({ device: null });
  const bar = (
    <>
      {base.config.devices.length > 1 && (
        <label className="drv-field">
          device
          <select value={device ?? ''} onChange={(e) => set({ device: e.target.value })}>
            {base.config.devices.map((d) => (
              <option key={d.name}>{d.name}</option>
            ))}
          </select>
        </label>
      )}
      <div className="drv-pairs" role="radiogroup" aria-label="Compare">
        {PAIRS.map((p) => (
          <label key={p.id} className="drv-pair">
            <input
              type="radio"
              name="drv-pair"
              checked={pairId === p.id}
              onChange={() => set({ pair: p.id })}
            />
            {p.label}
          </label>
        ))}
      </div>
      <button type="button" className="whatif-leave" data-testid="drivers-leave" onClick={close}>
        ← Back to the lab
      </button>
    </>
  );
  if ('error' in made)
    return (
      <div className="compare">
        <p className="cmp-error" role="alert">
          These runs cannot be made: {made.error}
        </p>
        <div>{bar}</div>
      </div>
    );
  const notes = [...sideNotes(made.left, 'left'), ...sideNotes(made.right, 'right')];
  return (
    <div className="drivers">
      <section
        className="drv-notes"
        aria-label="What the comparison changed"
        data-testid="drivers-notes"
      >
        {notes.length === 0 ? (
          <p className="muted drv-note">Both runs take exactly the scenario’s actions.</p>
        ) : (
          <ul>
            {notes.map((n) => (
              <li key={`${n.side}${n.action}`}>
                Action {n.action + 1} <code>{describeAction(base.actions[n.action])}</code> on{' '}
                <b>{n.side === 'left' ? 'A' : 'B'}</b>: {n.text}.
              </li>
            ))}
          </ul>
        )}
      </section>
      <CompareView
        title={`Compare drivers: ${device}`}
        left={{ label: variantLabel(made.pair.left), scenario: made.left.scenario }}
        right={{ label: variantLabel(made.pair.right), scenario: made.right.scenario }}
        steps={made.steps}
        actions={bar}
      />
    </div>
  );
}

function sideNotes(t: Translated, side: 'left' | 'right') {
  return t.notes.map((n) => ({ ...n, side }));
}
