import { applyWhatIf, describeWhatIf } from '../../scenario/whatif.ts';
import { useLab } from '../store/store.ts';
import { downloadText, exportFileName, scenarioJson } from './download.ts';
import { pickAndImport } from './importScenario.ts';
import { redo, undo } from './recorder.ts';
import { useSession } from './store.ts';

/** The scenario, and with a What if… branch open the branch too (two files `cli diff` takes). */
function exportCurrent() {
  const { scenario, presetId } = useLab.getState();
  if (!scenario) return;
  const name = exportFileName(scenario, presetId);
  downloadText(name, scenarioJson(scenario));
  const { whatif } = useSession.getState();
  if (!whatif) return;
  try {
    const branch = applyWhatIf(scenario, whatif);
    const title = `What if ${describeWhatIf(whatif, scenario)}`;
    downloadText(name.replace(/\.json$/, '-whatif.json'), scenarioJson({ ...branch, title }));
  } catch {
    // A branch that does not fit is shown as such in the compare view; the original is saved.
  }
}

// Fetch a dialog's code when the pointer or focus reaches its button, so it opens at once.
const preloadEditor = () => void import('../editor/ScenarioEditor.tsx');
const preloadShare = () => void import('../share/ShareDialog.tsx');

const mac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const mod = mac ? '⌘' : 'Ctrl+';

/** Header buttons of the session: undo/redo, edit, import/export, share. */
export function SessionButtons() {
  const canUndo = useSession((s) => s.history.past.length > 0);
  const canRedo = useSession((s) => s.history.future.length > 0);
  const busy = useLab((s) => s.busy);
  const hasScenario = useLab((s) => s.scenario !== null);
  const open = (dialog: 'share' | 'editor') => useSession.getState().set({ dialog });
  return (
    <div className="session-buttons" role="group" aria-label="Scenario">
      <span className="seg">
        <button
          type="button"
          onClick={() => void undo()}
          disabled={!canUndo || busy}
          title={`Undo the last scenario change (${mod}Z)`}
          aria-label="Undo"
          data-testid="undo"
        >
          ↶
        </button>
        <button
          type="button"
          onClick={() => void redo()}
          disabled={!canRedo || busy}
          title={`Redo (${mod}Shift+Z)`}
          aria-label="Redo"
          data-testid="redo"
        >
          ↷
        </button>
      </span>
      <span className="seg">
        <button
          type="button"
          onClick={() => open('editor')}
          onPointerEnter={preloadEditor}
          onFocus={preloadEditor}
          disabled={!hasScenario}
          title="Edit the configuration and the actions"
          data-testid="open-editor"
        >
          Edit
        </button>
        <button
          type="button"
          onClick={pickAndImport}
          title="Open a scenario .json file (or drop one on the page)"
          data-testid="import"
        >
          Import
        </button>
        <button
          type="button"
          onClick={exportCurrent}
          disabled={!hasScenario}
          title="Download this scenario as JSON (with a What if… branch open, the branch too)"
          data-testid="export"
        >
          Export
        </button>
      </span>
      <button
        type="button"
        className="btn-primary"
        onClick={() => open('share')}
        onPointerEnter={preloadShare}
        onFocus={preloadShare}
        disabled={!hasScenario}
        title="Copy a link to this scenario"
        data-testid="share"
      >
        Share
      </button>
    </div>
  );
}
