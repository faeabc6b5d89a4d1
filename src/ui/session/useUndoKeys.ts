import { useEffect } from 'react';
import { redo, undo } from './recorder.ts';
import { useSession } from './store.ts';

const typing = (t: EventTarget | null) =>
  t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));

/** Ctrl/Cmd+Z undo; Ctrl+Shift+Z or Ctrl+Y redo. Text fields keep their own undo. */
export function useUndoKeys() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || typing(e.target)) return;
      const { dialog, embed } = useSession.getState();
      if (dialog || embed) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) void undo();
      else if ((key === 'z' && e.shiftKey) || key === 'y') void redo();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
