// The module worker that owns the engine: the UI thread never runs kernel logic.
import * as Comlink from 'comlink';
import { decodeLink, encodeLink, linkParams } from '../scenario/link.ts';
import { withFormatFor } from '../scenario/formatFor.ts';
import { parseScenario } from '../scenario/schema.ts';
import type { Scenario } from '../scenario/types.ts';
import type { SwimlaneData } from '../timeline/callSpans.ts';
import { swimlaneOf } from '../timeline/swimlaneOf.ts';
import { createTimeline } from '../timeline/timeline.ts';
import { questionsOfRun } from '../timeline/quiz.ts';
import type { PteEvent, Reply, StepReply, TimelineApi } from './protocol.ts';

type Timeline = ReturnType<typeof createTimeline>;

let timeline: Timeline | null = null;
/** Waypoints hashed between two looks at the message queue (~2–5 ms of work). */
const HASH_SLICE = 2000;
let scenario: Scenario | null = null;
/** The swim-lane of the current timeline, built on first request. */
let lanes: { of: Timeline; count: number; data: SwimlaneData } | null = null;

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

const api: TimelineApi = {
  load(input) {
    const parsed = guard(() => parseScenario(input));
    if (!parsed.ok) return parsed;
    if (!parsed.value.ok) return { ok: false, error: parsed.value.error };
    const next = parsed.value.scenario;
    return guard(() => {
      const t = createTimeline(next);
      // The hash of a long run costs more than the run itself: it follows (traceHash below).
      const summary = t.summary({ hash: false });
      timeline = t;
      scenario = next;
      return { scenario: next, summary };
    });
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
      const summary = current().append(action);
      // A pin appended to a @1 run makes it @2: its link is #v2. from then on.
      if (scenario)
        scenario = withFormatFor({ ...scenario, actions: [...scenario.actions, action] });
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
  decodeLink: (hash) => decodeLink(hash),
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
      if (!scenario) throw new Error('no scenario loaded');
      return encodeLink(scenario, step, current().digest());
    }),
};

Comlink.expose(api);
