// Every scenario change (a load, an applied edit, an action triggered by hand) is recorded so
// it can be undone. Undo and redo load an earlier scenario through the worker like any load.
import { useLab } from '../store/store.ts';
import type { WhatIfEdit } from '../../scenario/whatif.ts';
import { record, redo as redoOf, undo as undoOf, type HistoryEntry } from './history.ts';
import { useSession } from './store.ts';

let quiet = 0;

/** Run a load that must not become a history entry (undo itself, a worker rebuild). */
export async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  quiet++;
  try {
    return await fn();
  } finally {
    quiet--;
  }
}

function currentEntry(): HistoryEntry | null {
  const { scenario, presetId, frame } = useLab.getState();
  const { whatif } = useSession.getState();
  return scenario ? { scenario, presetId, step: frame?.index ?? 0, whatif } : null;
}

/** Open (edit) or leave (null) a What if… branch: one undoable change, the scenario kept. */
export function setWhatIf(edit: WhatIfEdit | null) {
  const current = currentEntry();
  const { history, setHistory, whatif, set } = useSession.getState();
  if (!current || whatif === edit) return;
  setHistory(record(history, current));
  set({ whatif: edit });
}

export function recordScenarioChanges(): () => void {
  return useLab.subscribe((s, prev) => {
    if (s.scenario === prev.scenario) return;
    const { history, setHistory, whatif, set } = useSession.getState();
    // A branch belongs to the scenario it was made from: a new scenario closes it.
    if (whatif) set({ whatif: null });
    if (s.scenario === prev.scenario || !prev.scenario || quiet > 0) return;
    const before = {
      scenario: prev.scenario,
      presetId: prev.presetId,
      step: prev.frame?.index ?? 0,
      whatif,
    };
    setHistory(record(history, before));
  });
}

async function travel(which: 'undo' | 'redo') {
  const current = currentEntry();
  const { history, setHistory } = useSession.getState();
  if (!current || useLab.getState().busy) return;
  const r = which === 'undo' ? undoOf(history, current) : redoOf(history, current);
  if (!r) return;
  const { to } = r;
  const ok = await quietly(() => useLab.getState().load(to.scenario, to));
  if (ok) {
    setHistory(r.h);
    useSession.getState().set({ whatif: to.whatif ?? null });
  }
}

export const undo = () => travel('undo');
export const redo = () => travel('redo');
