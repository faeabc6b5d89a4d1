// Saves the session as the user works (debounced) and reads it back at startup.
import { useLab } from '../store/store.ts';
import { parseSavedSession, serializeSession, SESSION_KEY, type SavedSession } from './autosave.ts';
import { useSession } from './store.ts';

const DEBOUNCE_MS = 400;

export function loadSavedSession(): SavedSession | null {
  try {
    return parseSavedSession(localStorage.getItem(SESSION_KEY));
  } catch {
    return null; // storage disabled (privacy mode, sandboxed iframe)
  }
}

function save() {
  const { scenario, presetId, frame } = useLab.getState();
  if (!scenario) return;
  const s: SavedSession = { scenario, presetId, step: frame?.index ?? 0, savedAt: Date.now() };
  try {
    localStorage.setItem(SESSION_KEY, serializeSession(s));
  } catch {
    // Over quota or storage disabled: the link in the address bar still carries the work.
  }
}

/** Start saving; an offered restore is not overwritten until the user answers it. */
export function autosave(): () => void {
  let timer = 0;
  const unsub = useLab.subscribe((s, prev) => {
    if (s.scenario === prev.scenario && s.frame?.index === prev.frame?.index) return;
    if (useSession.getState().restoreOffer || useSession.getState().embed) return;
    window.clearTimeout(timer);
    timer = window.setTimeout(save, DEBOUNCE_MS);
  });
  const flush = () => {
    if (timer && !useSession.getState().restoreOffer && !useSession.getState().embed) save();
  };
  window.addEventListener('pagehide', flush);
  return () => {
    unsub();
    window.clearTimeout(timer);
    window.removeEventListener('pagehide', flush);
  };
}
