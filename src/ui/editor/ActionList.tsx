import { useState } from 'react';
import type { Op } from '../../scenario/types.ts';
import { ActionRow } from './ActionRow.tsx';
import { addAction, OPS, type Draft } from './draft.ts';
import type { FieldError } from './errors.ts';

/** Rows past this are edited in the JSON tab: a form of thousands of rows helps nobody. */
const MAX_ROWS = 200;

interface Props {
  draft: Draft;
  error: FieldError | null;
  edit(f: (d: Draft) => Draft): void;
}

export function ActionList({ draft, error, edit }: Props) {
  const [op, setOp] = useState<Op>('cpu_read');
  const devices = draft.config.devices.map((d) => String(d.name));
  const shown = draft.actions.slice(0, MAX_ROWS);
  return (
    <section className="ed-actions" aria-label="Actions">
      <div className="ed-actions-head">
        <span className="ed-sub">
          Actions <span className="muted">({draft.actions.length})</span>
        </span>
        <span className="ed-add">
          <select
            aria-label="new action's op"
            value={op}
            onChange={(e) => setOp(e.target.value as Op)}
          >
            {OPS.map((o) => (
              <option key={o}>{o}</option>
            ))}
          </select>
          <button
            type="button"
            data-testid="ed-add-action"
            onClick={() => edit((d) => addAction(d, op))}
          >
            + Add action
          </button>
        </span>
      </div>
      {draft.actions.length === 0 && <p className="muted">No actions yet: add one.</p>}
      <ol className="ed-list">
        {shown.map((a, i) => (
          <ActionRow
            key={i}
            i={i}
            action={a}
            count={draft.actions.length}
            devices={devices}
            error={error?.action === i ? error : null}
            edit={edit}
          />
        ))}
      </ol>
      {draft.actions.length > MAX_ROWS && (
        <p className="muted">
          Showing the first {MAX_ROWS} of {draft.actions.length} actions; edit the rest in the JSON
          tab.
          {error?.action !== undefined && error.action >= MAX_ROWS && (
            <span className="ed-err">
              {' '}
              {error.path}: {error.message}
            </span>
          )}
        </p>
      )}
    </section>
  );
}
