import { errorLine } from './errorLine.ts';

/** The scenario as JSON text; problems are named by path (and line, where one is known). */
export function JsonTab(props: { text: string; error: string | null; onChange(t: string): void }) {
  const line = props.error ? errorLine(props.text, props.error) : null;
  return (
    <section className="ed-json">
      <textarea
        aria-label="Scenario JSON"
        data-testid="ed-json"
        className="mono"
        spellCheck={false}
        value={props.text}
        aria-invalid={!!props.error}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.error && (
        <span className="ed-err" role="alert">
          {line !== null && <b>line {line}: </b>}
          {props.error}
        </span>
      )}
    </section>
  );
}
