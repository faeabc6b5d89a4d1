// The address bar follows the lab: open a link at startup, then keep the hash on the current
// step with history.replaceState (one history entry, however much the user steps).
import { DEFAULT_PRESET_ID, findPreset } from '../../scenario/presets/index.ts';
import { timelineWorker } from '../../worker/client.ts';
import { loadOrReport } from '../session/loadOrReport.ts';
import { digestParams } from '../../scenario/linkDigest.ts';
import { embedFromHash } from '../share/embed.ts';
import { checkLinkDigest } from '../share/linkCheck.ts';
import { labAddress } from '../share/labAddress.ts';
import { useLab } from '../store/store.ts';
import { labParams } from '../share/labParams.ts';
import { useSession } from '../session/store.ts';
import type { LinkExtras } from '../../scenario/link.ts';

/** After a link's scenario has loaded: Predict mode and the branch it asks for. */
function applyLinkExtras(link: LinkExtras) {
  useSession.getState().set({ quiz: link.quiz === true, whatif: link.whatif ?? null });
}

const presetLink = async (id: string, step: number) => {
  const d = await timelineWorker.digest().catch(() => null);
  return `#preset/${id}&step=${step}${d?.ok ? digestParams(d.value) : ''}`;
};

export async function openFromLocation() {
  const { load, setBanner } = useLab.getState();
  const hash = window.location.hash;
  const fallback = findPreset(DEFAULT_PRESET_ID)!;
  if (hash && hash !== '#') {
    const link = await timelineWorker.decodeLink(hash);
    if (!link.ok) {
      await load(fallback.scenario, { presetId: fallback.id });
      setBanner(`This link could not be opened: ${link.error}`);
      return;
    }
    // A scenario that does not load was refused by the worker or hit an engine bug (reported
    // in the bug panel, with the scenario, by loadOrReport): say which over the default lesson.
    const p = link.kind === 'preset' ? findPreset(link.id) : undefined;
    const r =
      link.kind === 'preset'
        ? p && (await loadOrReport(p.scenario, { presetId: p.id, step: link.step }))
        : await loadOrReport(link.scenario, { presetId: null, step: link.step });
    if (r?.ok) {
      applyLinkExtras(link);
      return void checkLinkDigest(link.digest);
    }
    await load(fallback.scenario, { presetId: fallback.id });
    setBanner(r ? `This link could not be opened: ${r.error}` : null);
    return;
  }
  await load(fallback.scenario, { presetId: fallback.id });
}

let timer = 0;

/** Mirror scenario + step (and Predict mode, a branch) into the hash, debounced so fast
 *  stepping stays cheap. */
export function followInAddressBar() {
  const update = () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(async () => {
      const { scenario, presetId, frame, summary } = useLab.getState();
      // A link's run still going: its address is written once it has all run.
      if (!scenario || !frame || !summary?.complete) return;
      let hash = presetId ? await presetLink(presetId, frame.index) : '';
      // Past 1,024 actions no link opens (LIMITS.actionsInLink): skip the costly encoding.
      if (!presetId && scenario.actions.length <= 1024) {
        const r = await timelineWorker.encodeLink(frame.index).catch(() => null);
        hash = r?.ok ? r.value : '';
      }
      if (hash) hash += await labParams().catch(() => '');
      if (hash && embedFromHash(window.location.hash)) hash += '&embed=1';
      // No link for this scenario (too long): clear the hash rather than keep a stale link
      // that a reload would open instead of offering the autosaved session back.
      if (hash.length > 16 * 1024 || hash === '') {
        if (window.location.hash) history.replaceState(history.state, '', labAddress());
      } else if (hash !== window.location.hash) history.replaceState(history.state, '', hash);
    }, 150);
  };
  const stopLab = useLab.subscribe((s, prev) => {
    if (s.frame !== prev.frame || s.scenario !== prev.scenario || s.summary !== prev.summary)
      update();
  });
  const stopSession = useSession.subscribe((s, prev) => {
    if (s.quiz !== prev.quiz || s.whatif !== prev.whatif) update();
  });
  return () => {
    stopLab();
    stopSession();
  };
}
