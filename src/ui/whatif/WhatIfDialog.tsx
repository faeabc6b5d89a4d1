// What if…: pick one change to the next action; the branch opens beside the original.
import { useMemo, useState } from 'react';
import { parseScenario } from '../../scenario/schema.ts';
import type { Action, Scenario } from '../../scenario/types.ts';
import {
  applyWhatIf,
  canInterleave,
  type WhatIfEdit,
  type WhatIfKind,
} from '../../scenario/whatif.ts';
import { ActionRow } from '../editor/ActionRow.tsx';
import { actionFor, type Draft } from '../editor/draft.ts';
import { splitError } from '../editor/errors.ts';
import '../editor/editor.css';
import { describeAction } from '../model/describe.ts';
import { Dialog } from '../session/Dialog.tsx';
import { setWhatIf } from '../session/recorder.ts';
import { useLab } from '../store/store.ts';
import { nextActionAt } from './nextAction.ts';
import './whatif.css';

type Check = { ok: true; edit: WhatIfEdit } | { ok: false; error: string };

function check(base: Scenario, kind: WhatIfKind, at: number, draft: Draft, device: string): Check {
  const action = draft.actions[0] as unknown as Action;
  const edit: WhatIfEdit =
    kind === 'replace' || kind === 'insert'
      ? { kind, at, action }
      : kind === 'fail'
        ? { kind, at, device }
        : { kind, at };
  let branch: Scenario;
  try {
    branch = applyWhatIf(base, edit);
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  const p = parseScenario(branch);
  if (p.ok) return { ok: true, edit };
  // The form shows one action: name its fields as the form's own.
  return { ok: false, error: p.error.replace(`actions[${at}]`, 'actions[0]') };
}

export default function WhatIfDialog({ onClose }: { onClose(): void }) {
  const base = useLab((s) => s.scenario)!;
  const summary = useLab((s) => s.summary);
  const index = useLab((s) => s.frame?.index ?? 0);
  const at = useMemo(() => nextActionAt(summary?.actions ?? [], index), [summary, index]);
  const next = base.actions[at];
  const devices = base.config.devices.map((d) => String(d.name));
  const [kind, setKind] = useState<WhatIfKind>(next ? 'replace' : 'insert');
  const [device, setDevice] = useState(devices[0] ?? 'gpu0');
  const [draft, setDraft] = useState<Draft>(() => ({
    format: base.format,
    config: base.config as Draft['config'],
    actions: [
      next ? JSON.parse(JSON.stringify(next)) : actionFor('cpu_read', devices[0] ?? 'gpu0'),
    ],
  }));
  const result = useMemo(
    () => check(base, kind, at, draft, device),
    [base, kind, at, draft, device],
  );
  const fieldError =
    !result.ok && (kind === 'replace' || kind === 'insert') ? splitError(result.error) : null;
  const choices: { kind: WhatIfKind; label: string; disabled?: boolean }[] = [
    { kind: 'replace', label: 'Replace it with another action', disabled: !next },
    { kind: 'insert', label: next ? 'Insert an action before it' : 'Add an action at the end' },
    { kind: 'delete', label: 'Leave it out', disabled: !next },
    {
      kind: 'interleave',
      label:
        next && 'interleave' in next && next.interleave
          ? 'Run it without its interleave'
          : 'Interleave a CPU write with it (after the fault, before the retry check)',
      disabled: !canInterleave(next),
    },
    { kind: 'fail', label: 'Make the next device allocation fail first (fail_next_alloc)' },
  ];
  const apply = () => {
    if (!result.ok) return;
    onClose();
    setWhatIf(result.edit);
  };
  return (
    <Dialog title="What if…" onClose={onClose} testId="whatif-dialog">
      <p className="dlg-sub">
        {next ? (
          <>
            Change the run from here. The next action is <b>action {at + 1}</b>:{' '}
            <code>{describeAction(next)}</code>.
          </>
        ) : (
          'The run has no action left to change: add one at the end.'
        )}{' '}
        The original stays as it is; both runs are shown side by side.
      </p>
      <fieldset className="wi-kinds">
        <legend className="sr-only">Change</legend>
        {choices.map((c) => (
          <label key={c.kind} className={`wi-kind${c.disabled ? ' disabled' : ''}`}>
            <input
              type="radio"
              name="whatif-kind"
              value={c.kind}
              checked={kind === c.kind}
              disabled={c.disabled}
              onChange={() => setKind(c.kind)}
              data-testid={`whatif-kind-${c.kind}`}
            />
            <span>{c.label}</span>
          </label>
        ))}
      </fieldset>
      {(kind === 'replace' || kind === 'insert') && (
        <ul className="ed-actions wi-form" aria-label="The new action">
          <ActionRow
            i={0}
            action={draft.actions[0]}
            count={1}
            devices={devices}
            error={fieldError}
            edit={(f) =>
              setDraft((d) => {
                const n = f(d);
                return n.actions.length === 1 ? n : d;
              })
            }
          />
        </ul>
      )}
      {kind === 'fail' && devices.length > 1 && (
        <label className="wi-device">
          Device{' '}
          <select value={device} onChange={(e) => setDevice(e.target.value)}>
            {devices.map((d) => (
              <option key={d}>{d}</option>
            ))}
          </select>
        </label>
      )}
      <footer className="dlg-actions">
        <span
          className={`ed-status ${result.ok ? 'ok' : 'bad'}`}
          role="status"
          data-testid="whatif-status"
        >
          {result.ok ? '✓ Ready' : `✗ ${result.error}`}
        </span>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="btn-primary"
          data-testid="whatif-apply"
          disabled={!result.ok}
          onClick={apply}
        >
          Run both side by side
        </button>
      </footer>
    </Dialog>
  );
}
