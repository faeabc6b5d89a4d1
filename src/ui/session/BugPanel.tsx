import { useRef, useState } from 'react';
import { copyText } from '../share/copyText.ts';
import { useLab } from '../store/store.ts';
import { bugReportText, scenarioWithAttempt, useBugs } from './bugs.ts';

/** An engine exception: say it is a bug, offer the scenario to copy; the lab stays usable. */
export function BugPanel() {
  const bug = useBugs((s) => s.bug);
  const fault = useLab((s) => s.fault);
  const scenario = useLab((s) => s.scenario);
  const area = useRef<HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState(false);
  // A restarted worker is reported by its own notice, not as a bug.
  const labBug = fault && !fault.includes('WorkerRestarted') ? fault : null;
  const found = bug ?? (labBug ? { message: labBug, input: scenarioWithAttempt(scenario) } : null);
  if (!found) return null;
  const shown = { ...found, message: found.message.replace(/^Error: /, '') };
  const text = bugReportText(shown);
  const dismiss = () => {
    useBugs.setState({ bug: null });
    if (labBug) useLab.setState({ fault: null });
  };
  return (
    <section className="bug-panel" role="alert" data-testid="bug-panel">
      <div className="bug-head">
        <strong>The simulation hit a bug</strong>{' '}
        <span className="muted">
          — not a kernel result. The last good state is still loaded and usable.
        </span>
      </div>
      <p className="mono bug-msg">{shown.message}</p>
      <details>
        <summary>Report it: copy the scenario that triggers it</summary>
        <textarea ref={area} readOnly value={text} rows={8} spellCheck={false} />
      </details>
      <div className="bug-actions">
        <button
          type="button"
          onClick={async () => {
            setCopied((await copyText(text, area.current)) === 'copied');
          }}
        >
          {copied ? 'Copied ✓' : 'Copy report'}
        </button>
        <button type="button" onClick={dismiss}>
          Dismiss
        </button>
      </div>
    </section>
  );
}
