// When the supervisor replaces a hung or dead worker, rebuild the timeline in the new one
// from the scenario the UI holds, at the same step, and say so.
import { workerSupervisor } from '../../worker/client.ts';
import { useLab } from '../store/store.ts';
import { quietly } from './recorder.ts';
import { useSession } from './store.ts';

export function rebuildOnRestart(): () => void {
  return workerSupervisor.onRestart(async (info) => {
    const { scenario, presetId, frame } = useLab.getState();
    const why = info.reason === 'timeout' ? 'stopped responding' : 'crashed';
    const say = (msg: string) => useSession.getState().set({ workerNotice: msg });
    if (info.recent > 3) {
      say(`The simulation ${why} again (${info.detail}). Reload the page to start afresh.`);
      return;
    }
    if (!scenario) return;
    say(`The simulation ${why} (${info.detail}), so it was restarted. Rebuilding…`);
    const step = frame?.index ?? 0;
    const ok = await quietly(() => useLab.getState().load(scenario, { presetId, step })).catch(
      () => false,
    );
    const { fault } = useLab.getState();
    useLab.setState({ busy: false, ...(fault?.includes('WorkerRestarted') && { fault: null }) });
    say(
      ok
        ? `The simulation ${why} (${info.detail}), so it was restarted and your scenario rebuilt at step ${step}.`
        : `The simulation ${why} and could not rebuild your scenario. Reload the page.`,
    );
  });
}
