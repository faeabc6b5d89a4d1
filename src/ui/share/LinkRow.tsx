import { useRef, useState } from 'react';
import { copyText } from './copyText.ts';

/** One link in a read-only field with its copy button. */
export function LinkRow(props: { label: string; value: string; testId: string }) {
  const field = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<'idle' | 'copied' | 'selected'>('idle');
  const copy = async () => {
    setState(await copyText(props.value, field.current));
    window.setTimeout(() => setState('idle'), 1800);
  };
  return (
    <div className="link-row">
      <label htmlFor={props.testId}>{props.label}</label>
      <div className="link-field">
        <input
          id={props.testId}
          ref={field}
          readOnly
          value={props.value}
          data-testid={props.testId}
          onFocus={(e) => e.currentTarget.select()}
          spellCheck={false}
        />
        <button type="button" onClick={copy} className={state === 'copied' ? 'copied' : ''}>
          {state === 'copied' ? 'Copied ✓' : state === 'selected' ? 'Press Ctrl+C' : 'Copy'}
        </button>
      </div>
    </div>
  );
}
