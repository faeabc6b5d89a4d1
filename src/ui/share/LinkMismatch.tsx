import { useLab } from '../store/store.ts';
import { useLinkCheck } from './linkCheck.ts';

/** The notice for a link whose run digest does not match the lab's replay. */
export function LinkMismatch() {
  const notice = useLinkCheck((s) => s.notice);
  const scenario = useLab((s) => s.scenario);
  if (!notice || notice.for !== scenario) return null;
  return (
    <div className="notice link-mismatch" role="status" data-testid="link-mismatch">
      <span>{notice.text}</span>
      <button type="button" onClick={() => useLinkCheck.setState({ notice: null })}>
        Dismiss
      </button>
    </div>
  );
}
