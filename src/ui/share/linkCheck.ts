// A link carries the digest of the run it was made from (&h=…&ha=…). Once the lab's own replay
// has its traceHash, the two are compared; when they differ (the engine or a lesson changed
// since), the lab keeps showing its replay and says so, naming the first action whose results
// differ when the per-action digest can tell. Links without a digest open silently.
import { create } from 'zustand';
import { firstDifference, type LinkDigest } from '../../scenario/linkDigest.ts';
import type { Scenario } from '../../scenario/types.ts';
import { timelineWorker } from '../../worker/client.ts';
import { useLab } from '../store/store.ts';

interface LinkCheck {
  /** The notice, for the scenario it was made about (it goes when another one loads). */
  notice: { for: Scenario; text: string } | null;
}

export const useLinkCheck = create<LinkCheck>()(() => ({ notice: null }));

const FULL_HASH = /^[0-9a-f]{64}$/;

/** The traceHash of `scenario`'s run once it is known; null if another scenario loads first. */
function traceHashOf(scenario: Scenario): Promise<string | null> {
  return new Promise((resolve) => {
    const check = (s: ReturnType<typeof useLab.getState>): boolean => {
      const h = s.summary?.traceHash;
      const done = s.scenario !== scenario || (!!h && FULL_HASH.test(h));
      if (done) resolve(s.scenario === scenario ? h! : null);
      return done;
    };
    if (check(useLab.getState())) return;
    const off = useLab.subscribe((s) => {
      if (check(s)) off();
    });
  });
}

function where(d: { from: number; to: number } | null, scenario: Scenario): string {
  if (!d) return 'Where the results first differ cannot be told from the link.';
  if (d.to < 0) return 'They differ from the start, in the device registration.';
  const name = (a: number) =>
    a < 0 ? 'the device registration' : `action ${a} (${scenario.actions[a].op})`;
  if (d.from === d.to) return `The results first differ at ${name(d.from)}.`;
  return `The results first differ between ${name(d.from)} and ${name(d.to)}.`;
}

/** Compares the link's digest with the replay of the scenario now loaded. */
export async function checkLinkDigest(digest: LinkDigest | undefined): Promise<void> {
  useLinkCheck.setState({ notice: null });
  const scenario = useLab.getState().scenario;
  if (!digest || !scenario) return;
  const hash = await traceHashOf(scenario);
  if (hash === null || hash.startsWith(digest.h)) return;
  let part: { from: number; to: number } | null = null;
  if (digest.actions) {
    const now = await timelineWorker.digest().catch(() => null);
    if (now?.ok) part = firstDifference(digest.actions, now.value.actions, scenario.actions.length);
  }
  if (useLab.getState().scenario !== scenario) return;
  const text =
    `This link was made from a different run: replaying it here gives other results ` +
    `(the link's digest is ${digest.h}, this run's ${hash.slice(0, 8)}), most likely because ` +
    `the lab or the lesson changed since. ${where(part, scenario)} What you see is this ` +
    `version's run.`;
  useLinkCheck.setState({ notice: { for: scenario, text } });
}
