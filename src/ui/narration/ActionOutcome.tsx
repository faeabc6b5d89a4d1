import type { ActionResult } from '../../engine/result.ts';
import { errnoMeaning, errnoNumber } from '../kernel/errno.ts';

/** An action's result as the kernel returns it: ok with its fields, or an errno explained. */
export function ActionOutcome({ result }: { result: ActionResult }) {
  const extras: string[] = [];
  if (result.values)
    extras.push(
      `values [${result.values.slice(0, 16).join(', ')}${result.values.length > 16 ? ', …' : ''}]`,
    );
  if (result.cpages !== undefined) extras.push(`cpages ${result.cpages}`);
  if (result.migrated !== undefined) extras.push(`migrated ${result.migrated}`);
  if (result.faults !== undefined) extras.push(`faults ${result.faults}`);
  if (result.snapshot) extras.push(`snapshot [${result.snapshot.join(', ')}]`);
  if (result.interleave)
    extras.push(
      `interleave ${'op' in result.interleave ? `${result.interleave.op}: ${result.interleave.status}` : 'not run'}`,
    );
  if (result.status === 'ok') {
    return (
      <div className="outcome ok" role="status">
        <span className="outcome-tag">returned 0</span> {result.op} ok
        {extras.length ? ` · ${extras.join(' · ')}` : ''}
      </div>
    );
  }
  return (
    <div className="outcome errno" role="status" data-testid="action-errno">
      <span className="outcome-tag">
        returned −{result.status} (−{errnoNumber(result.status)})
      </span>
      <p>{errnoMeaning(result.status, result.op)}</p>
      {extras.length > 0 && <p className="muted">{extras.join(' · ')}</p>}
    </div>
  );
}
