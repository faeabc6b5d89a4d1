import { useEffect } from 'react';
import { lastStep } from '../store/lastStep.ts';
import { useLab } from '../store/store.ts';
import { keyOwner } from './keyOwner.ts';

const typing = (t: EventTarget | null) =>
  t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));

/** ←/→ waypoint, Shift+←/→ action, Space play/pause, Home/End: anywhere but in a text field. */
export function useKeyboard() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typing(e.target) || e.altKey || e.ctrlKey || e.metaKey) return;
      const owner = keyOwner();
      if (owner) {
        if (owner(e)) e.preventDefault();
        return;
      }
      const s = useLab.getState();
      switch (e.key) {
        case 'ArrowRight':
          if (e.shiftKey) s.stepAction(1);
          else s.stepBy(1);
          break;
        case 'ArrowLeft':
          if (e.shiftKey) s.stepAction(-1);
          else s.stepBy(-1);
          break;
        case ' ':
          // A focused button would also click on Space; the shortcut wins so it never acts twice.
          s.togglePlay();
          break;
        case 'Home':
          s.pause();
          void s.seek(0, 'jump');
          break;
        case 'End':
          s.pause();
          void s.seek(lastStep(s.summary), 'jump');
          break;
        case 'Escape':
          s.clearSelection();
          return;
        default:
          return;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
