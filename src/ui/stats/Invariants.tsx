import { SCENARIO_FORMAT_V2 } from '../../scenario/types.ts';
import { useLab } from '../store/store.ts';

/** hmm-model.md's five, as a @1 scenario is checked against them. */
const INVARIANTS_V1 = [
  'Every device frame is on the free list or referenced by CPU entries, never both',
  'Every host frame is free or mapped; counts add up',
  'No device PTE outlives the CPU mapping it mirrors',
  'Between actions: no migration entry, no locked page',
  'No lost writes: reads return the last value written',
];

/** A @2 scenario is checked against hmm-model-v2.md's: 1–3 replaced or extended, 6–8 added. */
const INVARIANTS_V2 = [
  'A device frame is free, or referenced by exactly its CPU entries plus its pins (svm: by its live chunk)',
  'Every host frame is free, mapped or pinned; counts add up',
  'No device PTE outlives the CPU mapping it mirrors; an svm device maps whole ranges',
  INVARIANTS_V1[3]!,
  INVARIANTS_V1[4]!,
  'Device-private entries point only at private frames; present ones never at a private frame',
  'A pinned frame is never free or device-private; a long-term pin holds no device frame; no migration moves a pinned page',
  'Each live svm chunk backs one range of one process and appears once on its LRU',
];

/** The invariants of the scenario's format, checked after every action up to the current one. */
export function Invariants() {
  const violations = useLab((s) => s.summary?.violations);
  const action = useLab((s) => s.frame?.waypoint.action ?? -1);
  const v2 = useLab((s) => s.scenario?.format === SCENARIO_FORMAT_V2);
  if (!violations) return null;
  const upTo = violations.filter((v) => v.after <= action);
  return (
    <ol className="invariants" aria-label="Invariants">
      {(v2 ? INVARIANTS_V2 : INVARIANTS_V1).map((text, i) => {
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
