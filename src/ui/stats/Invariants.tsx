import { useLab } from '../store/store.ts';

const INVARIANTS = [
  'Every device frame is on the free list or referenced by CPU entries, never both',
  'Every host frame is free or mapped; counts add up',
  'No device PTE outlives the CPU mapping it mirrors',
  'Between actions: no migration entry, no locked page',
  'No lost writes: reads return the last value written',
];

/** The five invariants, checked after every action up to the current one. */
export function Invariants() {
  const violations = useLab((s) => s.summary?.violations);
  const action = useLab((s) => s.frame?.waypoint.action ?? -1);
  if (!violations) return null;
  const upTo = violations.filter((v) => v.after <= action);
  return (
    <ol className="invariants" aria-label="Invariants">
      {INVARIANTS.map((text, i) => {
        const broken = upTo.filter((v) => v.invariant === i + 1);
        return (
          <li key={i} className={broken.length ? 'broken' : 'holds'}>
            <span className="inv-mark" aria-label={broken.length ? 'violated' : 'holds'}>
              {broken.length ? '✗' : '✓'}
            </span>
            <span>
              <b>{i + 1}.</b> {text}
              {broken.slice(0, 2).map((v, k) => (
                <span key={k} className="inv-msg">
                  after action {v.after + 1}: {v.message}
                </span>
              ))}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
