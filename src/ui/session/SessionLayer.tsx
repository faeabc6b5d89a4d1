import { lazy, Suspense, useCallback, useEffect } from 'react';
import { DropZone } from './DropZone.tsx';
import { startSession } from './startSession.ts';
import { useSession } from './store.ts';
import { useUndoKeys } from './useUndoKeys.ts';
import './session.css';

const ShareDialog = lazy(() => import('../share/ShareDialog.tsx'));
const ScenarioEditor = lazy(() => import('../editor/ScenarioEditor.tsx'));
const WhatIfDialog = lazy(() => import('../whatif/WhatIfDialog.tsx'));

/** The session's hooks and its dialogs (loaded when first opened, not in the first paint). */
export function SessionLayer() {
  const dialog = useSession((s) => s.dialog);
  const embed = useSession((s) => s.embed);
  useEffect(() => startSession(), []);
  useUndoKeys();
  const close = useCallback(() => useSession.getState().set({ dialog: null }), []);
  if (embed) return <EmbedBadge />;
  return (
    <>
      <DropZone />
      <Suspense fallback={null}>
        {dialog === 'share' && <ShareDialog onClose={close} />}
        {dialog === 'editor' && <ScenarioEditor onClose={close} />}
        {dialog === 'whatif' && <WhatIfDialog onClose={close} />}
      </Suspense>
    </>
  );
}

/** In an iframe: a quiet way out to the full lab. */
function EmbedBadge() {
  const full = () => location.href.replace(/&embed(=[^&]*)?/, '');
  return (
    <a
      className="embed-badge"
      href={full()}
      target="_blank"
      rel="noopener noreferrer"
      onClick={(e) => {
        e.currentTarget.href = full();
      }}
    >
      Open in HMM Lab ↗
    </a>
  );
}
