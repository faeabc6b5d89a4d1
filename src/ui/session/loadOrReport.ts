// Load a candidate scenario through the lab store without letting a failure replace what is
// loaded. Separates the three ways it can fail: invalid input, an engine bug, a dead worker.
import { useLab } from '../store/store.ts';
import { reportBug } from './bugs.ts';

export type LoadOutcome = { ok: true } | { ok: false; error: string; bug?: boolean };

export async function loadOrReport(
  input: unknown,
  opts: { presetId?: string | null; step?: number },
): Promise<LoadOutcome> {
  const lab = useLab.getState();
  const bannerBefore = lab.banner;
  let ok: boolean;
  try {
    ok = await lab.load(input, opts);
  } catch (e) {
    useLab.setState({ busy: false });
    const msg = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      error: msg.replace(/^WorkerRestarted: /, 'the simulation stopped responding: '),
    };
  }
  if (ok) return { ok: true };
  const error = useLab.getState().banner ?? 'it could not be loaded';
  useLab.setState({ banner: bannerBefore });
  if (/^EngineBug\b/.test(error)) {
    reportBug(error, input);
    return { ok: false, error: 'the simulation hit a bug (see the report panel)', bug: true };
  }
  return { ok: false, error };
}
