import { memo } from 'react';
import type { Op } from '../../scenario/types.ts';
import {
  changeOp,
  moveAction,
  OP_FIELDS,
  OPS,
  removeAction,
  setField,
  type Draft,
  type DraftAction,
} from './draft.ts';
import { messageFor, type FieldError } from './errors.ts';
import { Field, NumberInput, toNumberish } from './inputs.tsx';

interface Props {
  i: number;
  action: DraftAction;
  count: number;
  devices: string[];
  error: FieldError | null;
  edit(f: (d: Draft) => Draft): void;
}

const valuesText = (v: unknown) => (Array.isArray(v) ? v.join(', ') : String(v ?? ''));
const parseValues = (t: string) =>
  t.trim() === ''
    ? []
    : t
        .split(/[\s,]+/)
        .filter(Boolean)
        .map((x) => toNumberish(x) ?? x);

/** One action as a form row: op, its fields, reorder and delete. */
export const ActionRow = memo(function ActionRow({
  i,
  action,
  count,
  devices,
  error,
  edit,
}: Props) {
  const fields = OP_FIELDS[action.op as Op] ?? [];
  const path = `actions[${i}]`;
  const msg = (f: string) => messageFor(error, `${path}.${f}`);
  const set = (k: string, v: unknown) => edit((d) => setField(d, i, k, v));
  const rowError = error?.action === i && error.field === '' ? error.message : null;
  const perPage = action.values !== undefined;
  return (
    <li
      className={`ed-action${error?.action === i ? ' invalid' : ''}`}
      data-testid={`ed-action-${i}`}
    >
      <span className="ed-num" aria-hidden="true">
        {i + 1}
      </span>
      <div className="ed-fields">
        <Field label="op" error={msg('op')}>
          {(id) => (
            <select
              id={id}
              value={action.op}
              onChange={(e) => edit((d) => changeOp(d, i, e.target.value as Op))}
            >
              {!OPS.includes(action.op as Op) && <option>{action.op}</option>}
              {OPS.map((op) => (
                <option key={op}>{op}</option>
              ))}
            </select>
          )}
        </Field>
        {fields.includes('device') && (
          <Field label="device" error={msg('device')}>
            {(id) => (
              <select
                id={id}
                value={String(action.device ?? '')}
                onChange={(e) => set('device', e.target.value)}
              >
                {!devices.includes(String(action.device)) && (
                  <option>{String(action.device ?? '')}</option>
                )}
                {devices.map((n) => (
                  <option key={n}>{n}</option>
                ))}
              </select>
            )}
          </Field>
        )}
        {fields.includes('start') && (
          <NumberInput
            label="start"
            value={action.start}
            error={msg('start')}
            onChange={(v) => set('start', v)}
          />
        )}
        {fields.includes('count') && (
          <NumberInput
            label="count"
            placeholder="1"
            value={action.count}
            error={msg('count')}
            onChange={(v) => set('count', v)}
            width={60}
          />
        )}
        {fields.includes('prot') && (
          <Field label="prot" error={msg('prot')}>
            {(id) => (
              <select
                id={id}
                value={String(action.prot ?? '')}
                onChange={(e) => set('prot', e.target.value)}
              >
                <option>none</option>
                <option>r</option>
                <option>rw</option>
              </select>
            )}
          </Field>
        )}
        {fields.includes('shared') && (
          <Field label="shared" error={msg('shared')}>
            {(id) => (
              <input
                id={id}
                type="checkbox"
                checked={action.shared === true}
                onChange={(e) => set('shared', e.target.checked || undefined)}
              />
            )}
          </Field>
        )}
        {fields.includes('longterm') && (
          <Field label="longterm" error={msg('longterm')}>
            {(id) => (
              <input
                id={id}
                type="checkbox"
                title="FOLL_LONGTERM (the default): coherent device memory moves home before the pin"
                checked={action.longterm !== false}
                onChange={(e) => set('longterm', e.target.checked ? undefined : false)}
              />
            )}
          </Field>
        )}
        {fields.includes('pin') && (
          <NumberInput
            label="pin handle"
            value={action.pin}
            error={msg('pin')}
            onChange={(v) => set('pin', v)}
            width={60}
          />
        )}
        {fields.includes('value') && (
          <Field
            label={perPage ? 'values' : 'value'}
            error={msg('value') ?? msg('values')}
            wide={perPage}
          >
            {(id, describedBy) => (
              <span className="ed-value">
                <select
                  aria-label="one value or one per page"
                  value={perPage ? 'values' : 'value'}
                  onChange={(e) => {
                    const many = e.target.value === 'values';
                    edit((d) => {
                      const n = typeof action.count === 'number' ? action.count : 1;
                      const v = typeof action.value === 'number' ? action.value : 0;
                      const next = setField(d, i, many ? 'value' : 'values', undefined);
                      return many
                        ? setField(
                            next,
                            i,
                            'values',
                            Array.from({ length: Math.min(n, 4096) }, () => v),
                          )
                        : setField(
                            next,
                            i,
                            'value',
                            Array.isArray(action.values) ? (action.values[0] ?? 0) : 0,
                          );
                    });
                  }}
                >
                  <option value="value">same for all</option>
                  <option value="values">one per page</option>
                </select>
                <input
                  id={id}
                  aria-describedby={describedBy}
                  aria-invalid={!!(msg('value') ?? msg('values'))}
                  value={perPage ? valuesText(action.values) : String(action.value ?? '')}
                  style={{ width: perPage ? 180 : 90 }}
                  onChange={(e) =>
                    perPage
                      ? set('values', parseValues(e.target.value))
                      : set('value', toNumberish(e.target.value))
                  }
                />
              </span>
            )}
          </Field>
        )}
        {fields.includes('interleave') && (
          <Field label="interleave" error={msg('interleave')} wide>
            {(id, describedBy) => (
              <input
                id={id}
                className="mono"
                aria-describedby={describedBy}
                placeholder='none, or e.g. {"op":"munmap","start":0}'
                value={
                  action.interleave === undefined
                    ? ''
                    : typeof action.interleave === 'string'
                      ? action.interleave
                      : JSON.stringify(action.interleave)
                }
                style={{ width: 230 }}
                onChange={(e) => {
                  const t = e.target.value.trim();
                  if (t === '') return set('interleave', undefined);
                  try {
                    set('interleave', JSON.parse(t));
                  } catch {
                    set('interleave', t);
                  }
                }}
              />
            )}
          </Field>
        )}
        <NumberInput
          label="pid"
          placeholder="1"
          value={action.pid}
          error={msg('pid')}
          onChange={(v) => set('pid', v)}
          width={50}
        />
        {rowError && (
          <span className="ed-err row" role="alert">
            action {i + 1}: {rowError}
          </span>
        )}
      </div>
      <div className="ed-row-tools">
        <button
          type="button"
          aria-label={`Move action ${i + 1} up`}
          disabled={i === 0}
          onClick={() => edit((d) => moveAction(d, i, -1))}
        >
          ↑
        </button>
        <button
          type="button"
          aria-label={`Move action ${i + 1} down`}
          disabled={i === count - 1}
          onClick={() => edit((d) => moveAction(d, i, 1))}
        >
          ↓
        </button>
        <button
          type="button"
          className="danger"
          aria-label={`Delete action ${i + 1}`}
          onClick={() => edit((d) => removeAction(d, i))}
        >
          ✕
        </button>
      </div>
    </li>
  );
});
