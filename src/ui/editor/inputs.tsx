// Form inputs that keep what the user typed even when it is not yet valid: the draft holds
// the raw text and parseScenario says what is wrong with it.
import { useId } from 'react';

export function toNumberish(text: string): unknown {
  const t = text.trim();
  if (t === '') return undefined;
  return /^-?\d+$/.test(t) ? Number(t) : text;
}

export function Field(props: {
  label: string;
  error: string | null;
  children: (id: string, describedBy: string | undefined) => React.ReactNode;
  wide?: boolean;
}) {
  const id = useId();
  const errId = `${id}-err`;
  return (
    <div className={`ed-field${props.error ? ' invalid' : ''}${props.wide ? ' wide' : ''}`}>
      <label htmlFor={id}>{props.label}</label>
      {props.children(id, props.error ? errId : undefined)}
      {props.error && (
        <span className="ed-err" id={errId} role="alert">
          {props.label}: {props.error}
        </span>
      )}
    </div>
  );
}

export function NumberInput(props: {
  label: string;
  value: unknown;
  error: string | null;
  /** Shown when empty: the default an optional field takes. */
  placeholder?: string;
  onChange(v: unknown): void;
  width?: number;
}) {
  return (
    <Field label={props.label} error={props.error}>
      {(id, describedBy) => (
        <input
          id={id}
          inputMode="numeric"
          aria-invalid={!!props.error}
          aria-describedby={describedBy}
          value={props.value === undefined ? '' : String(props.value)}
          placeholder={props.placeholder}
          style={{ width: props.width ?? 70 }}
          onChange={(e) => props.onChange(toNumberish(e.target.value))}
        />
      )}
    </Field>
  );
}

/** One of a few fixed values; `options[0]` is the default, shown when the field is left out. */
export function ChoiceInput<T extends string>(props: {
  label: string;
  value: unknown;
  options: readonly T[];
  error: string | null;
  title: string;
  onChange(v: T): void;
}) {
  const value = props.options.find((o) => o === props.value) ?? props.options[0];
  return (
    <Field label={props.label} error={props.error}>
      {(id) => (
        <select
          id={id}
          value={value}
          title={props.title}
          onChange={(e) => props.onChange(e.target.value as T)}
        >
          {props.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
