// Import a scenario file: read it, parse the JSON here (precise line/column messages), let
// the worker validate and run it. A bad file shows error-banner and changes nothing.
import { parseJsonText, MAX_TEXT_CHARS } from '../../scenario/jsonText.ts';
import { useLab } from '../store/store.ts';
import { loadOrReport } from './loadOrReport.ts';

export async function importFile(file: File): Promise<boolean> {
  const { setBanner } = useLab.getState();
  const name = JSON.stringify(file.name.length > 60 ? file.name.slice(0, 60) + '…' : file.name);
  const fail = (why: string) => {
    setBanner(`Could not import ${name}: ${why}. Nothing was changed.`);
    return false;
  };
  if (file.size > MAX_TEXT_CHARS) return fail('the file is too large (at most 32 MB)');
  let text: string;
  try {
    text = await file.text();
  } catch {
    return fail('the file could not be read');
  }
  const json = parseJsonText(text);
  if (!json.ok) return fail(json.error);
  const r = await loadOrReport(json.value, { presetId: null });
  if (!r.ok) return fail(r.error);
  setBanner(null);
  return true;
}

/** Open the system file picker for a .json scenario. */
export function pickAndImport() {
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = '.json,application/json';
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (file) void importFile(file);
  });
  input.click();
}
