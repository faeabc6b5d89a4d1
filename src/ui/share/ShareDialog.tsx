import { useEffect, useState } from 'react';
import { digestParams } from '../../scenario/linkDigest.ts';
import { timelineWorker } from '../../worker/client.ts';
import { Dialog } from '../session/Dialog.tsx';
import { useSession } from '../session/store.ts';
import { downloadText, exportFileName, scenarioJson } from '../session/download.ts';
import { useLab } from '../store/store.ts';
import { labUrl } from './labAddress.ts';
import { labParams } from './labParams.ts';
import { LinkRow } from './LinkRow.tsx';
import { formatLength, LINK_MAX_CHARS, linkFit, withEmbed, withoutStep } from './linkLength.ts';
import './share.css';

/** Links carry at most this many actions (LIMITS.actionsInLink); the schema is not loaded here. */
const ACTIONS_IN_LINK = 1024;

async function currentHash(step: number): Promise<string | null> {
  const { presetId, scenario } = useLab.getState();
  if (presetId) {
    const d = await timelineWorker.digest();
    return `#preset/${presetId}&step=${step}${d.ok ? digestParams(d.value) : ''}${await labParams()}`;
  }
  if ((scenario?.actions.length ?? 0) > ACTIONS_IN_LINK) return null;
  const r = await timelineWorker.encodeLink(step);
  return r.ok ? r.value + (await labParams()) : null;
}

/** Copy a link to this scenario, at this step or from the start; JSON when too long. */
export default function ShareDialog({ onClose }: { onClose(): void }) {
  const scenario = useLab((s) => s.scenario);
  const presetId = useLab((s) => s.presetId);
  const step = useLab((s) => s.frame?.index ?? 0);
  const whatif = useSession((s) => s.whatif);
  const quiz = useSession((s) => s.quiz);
  const [hash, setHash] = useState<{ for: unknown; value: string | null } | null>(null);
  useEffect(() => {
    let live = true;
    void currentHash(step).then((value) => live && setHash({ for: scenario, value }));
    return () => {
      live = false;
    };
  }, [scenario, step, whatif, quiz]);
  if (!scenario) return null;
  const ready = hash?.for === scenario ? hash.value : undefined;
  const atStep = ready ? labUrl(ready) : '';
  const fromStart = ready ? labUrl(withoutStep(ready)) : '';
  const fit = ready ? linkFit(atStep, ready) : 'ok';
  const download = () => downloadText(exportFileName(scenario, presetId), scenarioJson(scenario));
  return (
    <Dialog title="Share this scenario" onClose={onClose} testId="share-dialog">
      <p className="dlg-sub">
        {scenario.title ?? 'Untitled scenario'} · {scenario.actions.length} action
        {scenario.actions.length === 1 ? '' : 's'}
        {whatif && ' · with its What if… branch beside it'}
        {quiz && ' · Predict mode on'}
      </p>
      {ready === undefined && <p className="muted">Making the link…</p>}
      {ready === null && (
        <p className="note err" data-testid="share-length">
          {scenario.actions.length > ACTIONS_IN_LINK
            ? `Too many actions for a link (${scenario.actions.length.toLocaleString('en-US')}; links carry at most ${ACTIONS_IN_LINK.toLocaleString('en-US')}). Download the scenario as JSON and share the file; it opens with Import.`
            : 'This scenario could not be turned into a link. Download it as JSON instead.'}
        </p>
      )}
      {ready && fit !== 'too-long' && (
        <>
          <LinkRow label={`At step ${step}`} value={atStep} testId="share-link-step" />
          <LinkRow label="From the start" value={fromStart} testId="share-link-start" />
          <LinkRow
            label="Embed in a course page"
            value={`<iframe src="${labUrl(withEmbed(withoutStep(ready)))}" width="100%" height="640" title="HMM Lab"></iframe>`}
            testId="share-embed"
          />
        </>
      )}
      {ready && (
        <div className={`note ${fit === 'ok' ? 'ok' : fit === 'long' ? 'warn' : 'err'}`}>
          <span data-testid="share-length">
            Link length: <b>{formatLength(atStep.length)}</b>.{' '}
            {fit === 'ok' && 'Short enough for any chat or mail.'}
            {fit === 'long' &&
              'Over 2,000 characters: some chat apps, mail clients and forums cut long links. Check it opens, or share the JSON file.'}
            {fit === 'too-long' &&
              `Too long for a link: HMM Lab opens links up to ${formatLength(LINK_MAX_CHARS)}. Download the scenario as JSON and share the file; it opens with Import.`}
          </span>
        </div>
      )}
      <div className="dlg-actions">
        <button
          type="button"
          className={fit === 'too-long' || ready === null ? 'btn-primary' : ''}
          onClick={download}
          data-testid="share-download"
        >
          Download JSON
        </button>
        <button type="button" onClick={onClose}>
          Done
        </button>
      </div>
    </Dialog>
  );
}
