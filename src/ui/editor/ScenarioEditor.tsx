// The scenario editor (loaded on first open): a form for the config and the actions, or the
// JSON text. Every edit is validated by parseScenario; Apply re-runs the timeline in the
// worker. An invalid draft cannot be applied, and a failed apply keeps what is loaded.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Scenario } from '../../scenario/types.ts';
import { parseScenario, parseScenarioText } from '../../scenario/schema.ts';
import { Dialog } from '../session/Dialog.tsx';
import { loadOrReport } from '../session/loadOrReport.ts';
import { useLab } from '../store/store.ts';
import { ActionList } from './ActionList.tsx';
import { ConfigForm } from './ConfigForm.tsx';
import { toDraft, withDraftFormat, type Draft } from './draft.ts';
import { splitError } from './errors.ts';
import { JsonTab } from './JsonTab.tsx';
import './editor.css';

type Mode = { tab: 'form'; draft: Draft } | { tab: 'json'; text: string };

const asText = (d: Draft) => JSON.stringify(d, null, 2);

/** Edits not applied when the editor closed: offered again while the same scenario is loaded. */
let kept: { base: Scenario; mode: Mode } | null = null;

export default function ScenarioEditor({ onClose }: { onClose(): void }) {
  const loaded = useLab((s) => s.scenario);
  const [mode, setMode] = useState<Mode>(() =>
    kept?.base === loaded ? kept.mode : { tab: 'form', draft: toDraft(loaded!) },
  );
  const [resumed] = useState(() => kept?.base === loaded);
  const [applyError, setApplyError] = useState<string | null>(null);
  const [applying, setApplying] = useState(false);
  const result = useMemo(
    () => (mode.tab === 'form' ? parseScenario(mode.draft) : parseScenarioText(mode.text)),
    [mode],
  );
  const error = result.ok ? null : result.error;
  const fieldError = useMemo(() => splitError(error), [error]);
  // A @1 scenario that gains a @2 field or op becomes @2 (its link #v2.), and @1 again without.
  const edit = (f: (d: Draft) => Draft) =>
    setMode((m) =>
      m.tab === 'form' ? { tab: 'form', draft: withDraftFormat(loaded!.format, f(m.draft)) } : m,
    );
  const dirty = !result.ok || JSON.stringify(result.scenario) !== JSON.stringify(loaded);
  const latest = useRef({ mode, dirty, loaded });
  useEffect(() => {
    latest.current = { mode, dirty, loaded };
  });
  useEffect(
    () => () => {
      const { mode, dirty, loaded } = latest.current;
      kept = dirty && loaded ? { base: loaded, mode } : null;
    },
    [],
  );
  const revert = () => {
    setApplyError(null);
    setMode({ tab: 'form', draft: toDraft(loaded!) });
  };

  const toForm = () => {
    if (mode.tab === 'form') return;
    let value: unknown;
    try {
      value = JSON.parse(mode.text);
    } catch {
      return setApplyError('Fix the JSON before switching to the form.');
    }
    const v = value as Partial<Draft> | null;
    if (!v || typeof v !== 'object' || !Array.isArray(v.actions) || Array.isArray(v))
      return setApplyError('The form needs an object with an "actions" array.');
    const config = v.config ?? { devices: [{ name: 'gpu0', frames: 32 }] };
    setApplyError(null);
    setMode({
      tab: 'form',
      draft: { ...(v as Draft), config: { ...config, devices: config.devices ?? [] } },
    });
  };
  const toJson = () => {
    if (mode.tab === 'json') return;
    setApplyError(null);
    setMode({ tab: 'json', text: asText(mode.draft) });
  };

  const apply = async () => {
    if (!result.ok) return;
    setApplying(true);
    const step = useLab.getState().frame?.index ?? 0;
    const r = await loadOrReport(result.scenario, { presetId: null, step });
    setApplying(false);
    if (r.ok) {
      latest.current.dirty = false;
      onClose();
    } else setApplyError(`Not applied: ${r.error}. What was loaded stays loaded.`);
  };

  return (
    <Dialog title="Edit scenario" onClose={onClose} wide testId="editor">
      <div className="tabs ed-tabs" role="tablist" aria-label="Editor view">
        <button
          type="button"
          role="tab"
          aria-selected={mode.tab === 'form'}
          className={mode.tab === 'form' ? 'on' : ''}
          onClick={toForm}
        >
          Form
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={mode.tab === 'json'}
          className={mode.tab === 'json' ? 'on' : ''}
          onClick={toJson}
        >
          JSON
        </button>
      </div>
      {resumed && dirty && (
        <p className="note ed-resumed">
          Your unapplied edits are back. Apply them, or Revert to start from what is loaded.
        </p>
      )}
      <div className="ed-scroll" role="tabpanel">
        {mode.tab === 'form' ? (
          <>
            <ConfigForm draft={mode.draft} error={fieldError} edit={edit} />
            <ActionList draft={mode.draft} error={fieldError} edit={edit} />
          </>
        ) : (
          <JsonTab
            text={mode.text}
            error={error}
            onChange={(text) => setMode({ tab: 'json', text })}
          />
        )}
      </div>
      <footer className="dlg-actions ed-foot">
        <span
          className={`ed-status ${result.ok ? 'ok' : 'bad'}`}
          data-testid="ed-status"
          role="status"
        >
          {applyError ??
            (result.ok
              ? `✓ Valid · ${result.scenario.actions.length} actions${dirty ? ' · not applied yet' : ''}`
              : `✗ ${error}`)}
        </span>
        <button type="button" onClick={revert} disabled={!dirty} title="Forget these edits">
          Revert
        </button>
        <button
          type="button"
          onClick={onClose}
          title="Close; unapplied edits are kept for next time"
        >
          Close
        </button>
        <button
          type="button"
          className="btn-primary"
          data-testid="ed-apply"
          disabled={!result.ok || !dirty || applying}
          onClick={apply}
          title={result.ok ? 'Re-run the timeline with this scenario' : 'Fix the problem first'}
        >
          {applying ? 'Running…' : 'Apply'}
        </button>
      </footer>
    </Dialog>
  );
}
