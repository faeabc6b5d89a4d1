// Everything the session layer runs for the page's lifetime: history, autosave, the
// restore offer, worker supervision, links pasted into the address bar, embed mode.
import { DEFAULT_PRESET_ID } from '../../scenario/presets/index.ts';
import { embedFromHash } from '../share/embed.ts';
import { followHashChanges } from '../share/followLinks.ts';
import { describeAge, worthRestoring } from './autosave.ts';
import { captureAttempts } from './bugs.ts';
import { autosave, loadSavedSession } from './persist.ts';
import { recordScenarioChanges } from './recorder.ts';
import { useSession } from './store.ts';
import { rebuildOnRestart } from './workerRestart.ts';

export function startSession(): () => void {
  const hash = window.location.hash;
  const embed = embedFromHash(hash);
  const hasLink = hash !== '' && hash !== '#';
  // Read before anything loads: the first autosave must not overwrite what is offered.
  const saved = hasLink || embed ? null : loadSavedSession();
  useSession.getState().set({
    embed,
    restoreOffer:
      saved && worthRestoring(saved, DEFAULT_PRESET_ID)
        ? { ...saved, age: describeAge(saved.savedAt, Date.now()) }
        : null,
  });
  const stops = [
    captureAttempts(),
    recordScenarioChanges(),
    autosave(),
    rebuildOnRestart(),
    followHashChanges(),
  ];
  return () => stops.forEach((stop) => stop());
}
