import { useLab } from '../store/store.ts';
import { useSession } from './store.ts';

/** "Restore your last session?" and "the worker was restarted". */
export function Notices() {
  const offer = useSession((s) => s.restoreOffer);
  const worker = useSession((s) => s.workerNotice);
  const set = useSession((s) => s.set);
  const restore = async () => {
    if (!offer) return;
    set({ restoreOffer: null });
    const ok = await useLab.getState().load(offer.scenario, offer);
    if (!ok)
      useLab
        .getState()
        .setBanner(`Your last session could not be restored: ${useLab.getState().banner}`);
  };
  return (
    <>
      {offer && (
        <div className="notice restore" role="status" data-testid="restore-offer">
          <span>
            <b>Restore your last session?</b>{' '}
            <span className="muted">
              {offer.scenario.title ?? 'Untitled scenario'} · step {offer.step} · saved {offer.age}
            </span>
          </span>
          <button type="button" className="btn-primary" onClick={restore}>
            Restore
          </button>
          <button type="button" onClick={() => set({ restoreOffer: null })}>
            Dismiss
          </button>
        </div>
      )}
      {worker && (
        <div className="notice worker" role="status" data-testid="worker-notice">
          <span>{worker}</span>
          <button type="button" onClick={() => set({ workerNotice: null })}>
            Dismiss
          </button>
        </div>
      )}
    </>
  );
}
