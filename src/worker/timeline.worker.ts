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
import { nextTask } from './nextTask.ts';
import type { Scenario } from '../scenario/types.ts';
import type { Frame } from '../timeline/types.ts';
import type { Loaded, PteEvent, Reply, StepReply, TimelineApi } from './protocol.ts';

type Timeline = ReturnType<typeof createTimeline>;

let timeline: Timeline | null = null;
/** Waypoints hashed between two looks at the message queue (~2–5 ms of work). */
const HASH_SLICE = 2000;
/** How long a slice of a run still going may take before queued messages are let through. */
const RUN_SLICE_MS = 8;
/** Up to this many waypoints, load answers with the whole run's summary; past it, the page
 *  shows the first steps before it takes in the rest (a 131k-waypoint run's markers alone are
 *  ~1 MB to copy, then drawn), which follows in `completed`. */
const WHOLE_AT_ONCE = 20_000;
/** The swim-lane of the current timeline, built on first request. */
let lanes: { of: Timeline; count: number; data: SwimlaneData } | null = null;
/** The timeline whose checkpoints are being built (buildCheckpointsAfter). */
let building: Timeline | null = null;
/** The last link decoded: the page's own link is decoded at boot and asked for again. */
let decoded: { hash: string; link: LinkResult } | null = null;
/** The run of the page's link, started at boot (see openAtBoot): the first load of that
 *  scenario takes it instead of running it again. `key` is the scenario as JSON. */
let started: {
  key: string;
  reply: Reply<Loaded & { timeline: Timeline }>;
  /** What its load answers at the link's step, ready before the page asks. */
  first?: { step: number; answer: Reply<Loaded & { frame?: Frame }> };
} | null = null;
/** Runs still going, each finishing a slice at a time between messages (runInSlices). */
const running = new WeakMap<Timeline, Promise<Reply<true>>>();
/** The rest of the boot run waits for the page's first load: a slice under way when the page
 *  asks (for its link, then its load) would hold the answer up by up to one whole action (the
 *  smallest slice: an action runs at once), ~25 ms each on the bench's 131k run. Running after
 *  load has answered, the rest overlaps the page drawing that step instead. */
let hold: Promise<void> | null = null;
let releaseHold = () => {};

function guard<T>(fn: () => T): Reply<T> {
  try {
    return { ok: true, value: fn() };
  } catch (e) {
    const err = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return { ok: false, error: err };
  }
}

/** Runs a lazy timeline on until it has waypoint `index` (or has run everything). */
function runThrough(t: Timeline, index: number): void {
  while (!t.complete && index >= t.count) t.runSome(1);
}

/** Runs a lazy timeline on for one slice: at least an action, at most RUN_SLICE_MS. */
function runSlice(t: Timeline): void {
  const t0 = performance.now();
  while (!t.runSome(1) && performance.now() - t0 < RUN_SLICE_MS);
}

/** The current timeline, run at least up to waypoint `index` (by default: to its end). A run
 *  still going is finished here for whoever needs more of it than has run. */
function current(index = Infinity): Timeline {
  if (!timeline) throw new Error('no scenario loaded');
  runThrough(timeline, index);
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

/** Validates and runs a scenario without making it the current one. With `upTo`, only as far
 *  as that waypoint: the rest is the caller's to run (runInSlices). */
function run(input: unknown, upTo?: number): Reply<Loaded & { timeline: Timeline }> {
  const parsed = guard(() => parseScenario(input));
  if (!parsed.ok) return parsed;
  if (!parsed.value.ok) return { ok: false, error: parsed.value.error };
  const next = parsed.value.scenario;
  return guard(() => {
    const t = createTimeline(next, { lazy: upTo !== undefined });
    if (upTo !== undefined) runThrough(t, upTo);
    // The hash of a long run costs more than the run itself: it follows (traceHash below).
    return { scenario: next, summary: t.summary({ hash: false }), timeline: t };
  });
}

/** Runs the rest of `t`'s actions a slice at a time, letting messages through in between
 *  (steps of its first waypoints answer meanwhile), for as long as `wanted`. */
function runInSlices(t: Timeline, wanted: () => boolean): Promise<Reply<true>> {
  const done = (async (): Promise<Reply<true>> => {
    while (!t.complete) {
      await nextTask();
      if (hold) {
        await hold;
        // Released by the load: its answer goes out (a microtask of its own) before a slice.
        continue;
      }
      if (!wanted()) return { ok: false, error: 'the timeline was replaced' };
      const r = guard(() => runSlice(t));
      if (!r.ok) return r;
    }
    if (timeline === t) void buildCheckpointsAfter(t);
    return { ok: true, value: true };
  })();
  running.set(t, done);
  return done;
}

/** What load answers for `t` at `step`: that step's frame, and the run's first steps only when
 *  the run is still going or long (the rest follows in `completed`). */
function firstAnswer(t: Timeline, scenario: Scenario, step?: number): Loaded & { frame?: Frame } {
  if (step !== undefined) runThrough(t, step);
  if (step === undefined || t.count === 0) return { scenario, summary: t.summary({ hash: false }) };
  const frame = t.seek(step);
  const whole = t.complete && t.count <= WHOLE_AT_ONCE;
  return {
    scenario,
    summary: t.summary({ hash: false, ...(!whole && { through: frame.index }) }),
    frame,
  };
}

/**
 * The page names its worker after its address's link (public/boot.js, client.ts): the link's
 * run starts as soon as this code has loaded, while the page builds itself: as far as the
 * step the link shows, and on for one slice (a lesson's whole run); the rest runs in slices
 * once the page's load has taken this run and answered with that step.
 */
function openAtBoot(hash: string): void {
  const link = decodeOnce(hash);
  if (!link.ok) return;
  const s = link.kind === 'scenario' ? link.scenario : findPreset(link.id)?.scenario;
  if (!s) return;
  const reply = run(s, link.step ?? 0);
  started = { key: JSON.stringify(s), reply };
  if (reply.ok) {
    const t = reply.value.timeline;
    // A bug here is met again, and reported, by the rest (runInSlices).
    guard(() => runSlice(t));
    const step = link.step ?? 0;
    started.first = { step, answer: guard(() => firstAnswer(t, reply.value.scenario, step)) };
    hold = new Promise((resolve) => {
      releaseHold = () => {
        hold = null;
        resolve();
      };
    });
    void runInSlices(t, () => timeline === t || started?.reply === reply);
  }
}

const api: TimelineApi = {
  load(input, step) {
    const early = started;
    started = null;
    releaseHold();
    const r = early && JSON.stringify(input) === early.key ? early.reply : run(input);
    if (!r.ok) return r;
    const t = (timeline = r.value.timeline);
    if (t.complete) void buildCheckpointsAfter(t);
    // The boot run's answer was made while the page was still starting.
    const first = r === early?.reply ? early.first : undefined;
    if (first && first.step === step && first.answer.ok) return first.answer;
    return guard(() => firstAnswer(t, r.value.scenario, step));
  },
  async completed() {
    const t = timeline;
    if (!t) return { ok: false, error: 'no scenario loaded' };
    const r = (await running.get(t)) ?? { ok: true };
    if (!r.ok) return r;
    if (timeline !== t) return { ok: false, error: 'the timeline was replaced' };
    return guard(() => current().summary({ hash: false }));
  },
  seek: (index) => guard(() => current(index).seek(index)),
  stepTo: (from, to) =>
    guard((): StepReply => {
      const t = current(Math.max(from, to));
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
    const t = timeline;
    if (!t) return { ok: false, error: 'no scenario loaded' };
    const ran = await running.get(t);
    if (ran && !ran.ok) return ran;
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
      const w = current(seq).waypoint(seq);
      return { fn: w.fn, text: w.text, path: w.path };
    }),
  encodeLink: (step) =>
    guard(() => {
      const t = current();
      return encodeLink(t.scenario, step, t.digest());
    }),
};

Comlink.expose(api);
if (self.name.startsWith('#')) openAtBoot(self.name);
