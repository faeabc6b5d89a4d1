import { useKeyboard } from './useKeyboard.ts';
import { usePlayback } from './usePlayback.ts';

/**
 * Playback and keyboard shortcuts, in a component that renders nothing: playback follows the
 * step index, and a hook in App would re-render the whole tree on every step.
 */
export function PlaybackDriver() {
  useKeyboard();
  usePlayback();
  return null;
}
