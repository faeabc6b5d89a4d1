// A link pasted into the address bar of a running lab (hashchange) opens like a link at
// startup, except that a bad one keeps what is loaded instead of falling back to a lesson.
import { findPreset } from '../../scenario/presets/index.ts';
import { timelineWorker } from '../../worker/client.ts';
import { loadOrReport } from '../session/loadOrReport.ts';
import { useSession } from '../session/store.ts';
import { useLab } from '../store/store.ts';
import { checkLinkDigest } from './linkCheck.ts';

export async function openLink(hash: string) {
  const { setBanner } = useLab.getState();
  const fail = (why: string) =>
    setBanner(`This link could not be opened: ${why} What was loaded stays loaded.`);
  let link;
  try {
    link = await timelineWorker.decodeLink(hash);
  } catch {
    return fail('the simulation stopped responding while reading it.');
  }
  if (!link.ok) return fail(link.error.endsWith('.') ? link.error : `${link.error}.`);
  useSession.getState().set({ embed: link.embed });
  const preset = link.kind === 'preset' ? findPreset(link.id) : undefined;
  const r =
    link.kind === 'preset'
      ? await loadOrReport(preset?.scenario, { presetId: link.id, step: link.step })
      : await loadOrReport(link.scenario, { presetId: null, step: link.step });
  if (!r.ok) return fail(`${r.error}.`);
  useSession.getState().set({ quiz: link.quiz === true, whatif: link.whatif ?? null });
  setBanner(null);
  void checkLinkDigest(link.digest);
}

export function followHashChanges(): () => void {
  const onChange = (e: HashChangeEvent) => {
    // The event's URL, not location.hash: the address-bar follower may already have rewritten
    // the hash (replaceState) for the run still on screen, and would reopen that run.
    const hash = new URL(e.newURL).hash;
    if (hash && hash !== '#') void openLink(hash);
  };
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}
