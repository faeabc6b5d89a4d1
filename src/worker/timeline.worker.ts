// The module worker that owns the engine: the UI thread never runs kernel logic.
import * as Comlink from 'comlink';
import { decodeLink, encodeLink, linkParams, type LinkResult } from '../scenario/link.ts';
import { findPreset } from '../scenario/presets/index.ts';
import { parseScenario } from '../scenario/schema.ts';
import type { SwimlaneData } from '../timeline/callSpans.ts';
import { swimlaneOf } from '../timeline/swimlaneOf.ts';
import { createTimeline } from '../timeline/timeline.ts';
import { questionsOfRun } from '../timeline/quiz.ts';
import { buildCheckpointsInBackground } from './buildInBackground.ts';
import type { Loaded, PteEvent, Reply, StepReply, TimelineApi } from './protocol.ts';

type Timeline = ReturnType<typeof createTimeline>;

let timeline: Timeline | null = null;
/** Waypoints hashed between two looks at the message queue (~2–5 ms of work). */
const HASH_SLICE = 2000;
/** The swim-lane of the current timeline, built on first request. */
let lanes: { of: Timeline; count: number; data: SwimlaneData } | null = null;
/** The timeline whose checkpoints are being built (buildCheckpointsAfter). */
let building: Timeline | null = null;
/** The last link decoded: the page's own link is decoded at boot and asked for again. */
let decoded: { hash: string; link: LinkResult } | null = null;
/** The run of the page's link, started at boot (see openAtBoot): the first load of that
 *  scenario takes it instead of running it again. `key` is the scenario as JSON. */
let started: { key: string; reply: Reply<Loaded & { timeline: Timeline }> } | null = null;

function guard<T>(fn: () => T): Reply<T> {
  try {
    return { ok: true, value: fn() };
  } catch (e) {
    const err = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return { ok: false, error: err };
  }
}

function current(): Timeline {
  if (!timeline) throw new Error('no scenario loaded');
  return timeline;
}

/** The seek checkpoints of a run, built once it has answered (once per run). */
async function buildCheckpointsAfter(t: Timeline): Promise<void> {
  if (building === t) return;
  building = t;
  await buildCheckpointsInBackground(t, () => timeline === t);
  if (building === t) building = null;
}

function decodeOnce(hash: string): LinkResult {
  if (decoded?.hash !== hash) decoded = { hash, link: decodeLink(hash) };
  return decoded.link;
}

/** Validates and runs a scenario without making it the current one. */
function run(input: unknown): Reply<Loaded & { timeline: Timeline }> {
  const parsed = guard(() => parseScenario(input));
  if (!parsed.ok) return parsed;
  if (!parsed.value.ok) return { ok: false, error: parsed.value.error };
  const next = parsed.value.scenario;
  return guard(() => {
    const t = createTimeline(next);
    // The hash of a long run costs more than the run itself: it follows (traceHash below).
    return { scenario: next, summary: t.summary({ hash: false }), timeline: t };
  });
}

/**
 * The page posts its address's link as the worker starts (client.ts), before its own code
 * has loaded: the link's run goes on while the page builds itself, instead of after it asks.
 * The page then decodes and loads that link as it always does, and the load takes this run.
 */
function openAtBoot(hash: string): void {
  const link = decodeOnce(hash);
  if (!link.ok) return;
  const s = link.kind === 'scenario' ? link.scenario : findPreset(link.id)?.scenario;
  if (s) started = { key: JSON.stringify(s), reply: run(s) };
}

// Before Comlink's listener, which must not see this message.
self.addEventListener('message', (e: MessageEvent<{ openAtBoot?: unknown } | null>) => {
  const hash = e.data?.openAtBoot;
  if (typeof hash !== 'string') return;
  e.stopImmediatePropagation();
  openAtBoot(hash);
});

const api: TimelineApi = {
  load(input, step) {
    const early = started;
    started = null;
    const r = early && JSON.stringify(input) === early.key ? early.reply : run(input);
    if (!r.ok) return r;
    const t = (timeline = r.value.timeline);
    void buildCheckpointsAfter(t);
    const { summary } = r.value;
    return guard(() => ({
      scenario: r.value.scenario,
      summary,
      ...(step !== undefined && summary.count > 0 && { frame: t.seek(step) }),
    }));
  },
  seek: (index) => guard(() => current().seek(index)),
  stepTo: (from, to) =>
    guard((): StepReply => {
      const t = current();
      const ok = (i: number) => Number.isInteger(i) && i >= 0 && i < t.count;
      if (!ok(from) || !ok(to) || Math.abs(to - from) !== 1)
        return { kind: 'frame', frame: t.seek(to) };
      const forward = to > from;
      const waypoint = t.waypoint(to);
      return {
        kind: 'delta',
        index: to,
        waypoint,
        changes: forward ? waypoint.changes : t.changes(from),
        forward,
      };
    }),
  append: (action) =>
    guard(() => {
      const t = current();
      // A pin appended to a @1 run makes it @2 (the timeline's scenario says so): #v2. links.
      const summary = t.append(action);
      void buildCheckpointsAfter(t);
      return summary;
    }),
  async traceHash() {
    const t = current();
    for (;;) {
      const hex = guard(() => t.hashSome(HASH_SLICE));
      if (!hex.ok) return hex;
      if (hex.value !== null) return { ok: true, value: hex.value };
      // Let step requests queued meanwhile through: a click answers between two slices.
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (timeline !== t) return { ok: false, error: 'the timeline was replaced' };
    }
  },
  report: () => guard(() => current().report()),
  decodeLink: (hash) => decodeOnce(hash),
  quiz: (pins) => guard(() => questionsOfRun(current(), pins)),
  whatifParam: (edit) => linkParams({ whatif: edit }),
  lifecycle: (pid, page) => guard((): PteEvent[] => current().pteEvents(pid, page)),
  swimlane: () =>
    guard(() => {
      const t = current();
      if (lanes?.of !== t || lanes.count !== t.count)
        lanes = { of: t, count: t.count, data: swimlaneOf(t) };
      return lanes.data;
    }),
  digest: () => guard(() => current().digest()),
  describe: (seq) =>
    guard(() => {
      const w = current().waypoint(seq);
      return { fn: w.fn, text: w.text, path: w.path };
    }),
  encodeLink: (step) =>
    guard(() => {
      const t = current();
      return encodeLink(t.scenario, step, t.digest());
    }),
};

Comlink.expose(api);
