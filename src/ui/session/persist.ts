// Saves the session as the user works (debounced) and reads it back at startup.
import { useLab } from '../store/store.ts';
import { DEFAULT_PRESET_ID } from '../../scenario/presets/index.ts';
import {
  parseSavedSession,
  serializeSession,
  SESSION_KEY,
  worthRestoring,
  type SavedSession,
} from './autosave.ts';
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
  // While the last session is offered back, only new work may take its place in storage.
  if (useSession.getState().restoreOffer && !worthRestoring(s, DEFAULT_PRESET_ID)) return;
  try {
    localStorage.setItem(SESSION_KEY, serializeSession(s));
  } catch {
    // Over quota or storage disabled: the link in the address bar still carries the work.
  }
}

/** Start saving; what is offered back stays in memory until the user answers. */
export function autosave(): () => void {
  let timer = 0;
  const unsub = useLab.subscribe((s, prev) => {
    if (s.scenario === prev.scenario && s.frame?.index === prev.frame?.index) return;
    if (useSession.getState().embed) return;
    window.clearTimeout(timer);
    timer = window.setTimeout(save, DEBOUNCE_MS);
  });
  const flush = () => {
    if (timer && !useSession.getState().embed) save();
  };
  window.addEventListener('pagehide', flush);
  return () => {
    unsub();
    window.clearTimeout(timer);
    window.removeEventListener('pagehide', flush);
  };
}
