import { findPreset } from '../../scenario/presets/index.ts';
import { contractOf } from '../kernel/contracts.ts';
import { fnFile } from '../kernel/fnFiles.ts';
import { describeAction, describeChange, isDescribed } from '../model/describe.ts';
import { useLab } from '../store/store.ts';
import { ActionOutcome } from './ActionOutcome.tsx';

const SHOWN = 12;

/** The current waypoint told in words: function, file, call path, sentence, contract, changes. */
export function Narration() {
  const frame = useLab((s) => s.frame);
  const summary = useLab((s) => s.summary);
  const scenario = useLab((s) => s.scenario);
  const presetId = useLab((s) => s.presetId);
  if (!frame || !summary) return <section className="panel narration">Loading…</section>;
  const wp = frame.waypoint;
  const file = fnFile(wp.fn);
  const contract = contractOf(wp.fn, wp.path);
  const span = summary.actions.find((s) => frame.index >= s.first && frame.index <= s.last);
  const action = wp.action >= 0 ? scenario?.actions[wp.action] : undefined;
  // A step can change 768 things; only the first SHOWN are put into words.
  const told = wp.changes.filter(isDescribed);
  const lines = told
    .slice(0, SHOWN)
    .map((c) => describeChange(c, frame.world))
    .filter((l): l is string => !!l);
  const note = presetId
    ? noteFor(presetId, wp.action, wp.fn, frame.index, summary.actions)
    : undefined;

  return (
    <section className="panel narration" aria-label="Narration">
      <div className="nar-action">
        {wp.action < 0 ? (
          <span>Setup · registering device memory</span>
        ) : (
          <span>
            Action {wp.action + 1}: <code>{action ? describeAction(action) : '?'}</code>
          </span>
        )}
        {span && (
          <span className="muted">
            {' '}
            · step {frame.index - span.first + 1} of {span.last - span.first + 1}
          </span>
        )}
      </div>
      <div className="nar-fn">
        <code data-testid="step-fn" className="fn">
          {wp.fn}
        </code>
        {file && <span className="file-chip mono">{file}</span>}
      </div>
      {wp.path.length > 0 && (
        <nav className="breadcrumb mono" aria-label="call path">
          {wp.path.join(' › ')}
        </nav>
      )}
      <p className="nar-text">{wp.text}</p>
      {contract && (
        <div className={`contract c${contract.n}`}>
          <span className="contract-n">HMM contract {contract.n}</span> {contract.title}
        </div>
      )}
      {note && <p className="preset-note">{note}</p>}
      {presetId && frame.index === 0 && (
        <p className="preset-note intro">
          <b>This lesson:</b> {findPreset(presetId)?.description} Step with → or press play.
        </p>
      )}
      {lines.length > 0 && (
        <details className="changes" open>
          <summary>What changed ({told.length})</summary>
          <ul>
            {lines.map((l, i) => (
              <li key={i} className="mono">
                {l}
              </li>
            ))}
            {told.length > SHOWN && <li className="muted">… {told.length - SHOWN} more</li>}
          </ul>
        </details>
      )}
      {span?.result && frame.index === span.last && <ActionOutcome result={span.result} />}
    </section>
  );
}

function noteFor(
  presetId: string,
  action: number,
  fn: string,
  index: number,
  spans: { i: number; first: number }[],
): string | undefined {
  const preset = findPreset(presetId);
  if (!preset) return undefined;
  const span = spans.find((s) => s.i === action);
  return preset.notes.find(
    (n) => n.action === action && (n.fn ? n.fn === fn : span?.first === index),
  )?.text;
}
