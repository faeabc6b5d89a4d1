import type { StateCreator } from 'zustand';
import { withFormatFor } from '../../scenario/formatFor.ts';
import { timelineWorker, unwrap } from '../../worker/client.ts';
import { replay } from '../model/replay.ts';
import { seekRequested } from './seekRequests.ts';
import { gated } from './seekGate.ts';
import { lastStep } from './lastStep.ts';
import type { LabState, TimelineSlice } from './types.ts';

let seekTicket = 0;
/** The index the newest seek asked for (may not be on screen yet). */
let requested: number | null = null;
/** Which loaded run the worker holds, and which run the shown frame came from: a delta may
 *  only move a frame of the run the worker is stepping. */
let runGen = 0;
let frameGen = -1;
/** The rest of a run still going (load answered with its first steps): settles when it ends. */
let rest: Promise<unknown> = Promise.resolve();

const clamp = (i: number, count: number) => Math.max(0, Math.min(count - 1, i));

export const createTimelineSlice: StateCreator<LabState, [], [], TimelineSlice> = (set, get) => {
  /** The traceHash follows the first frame (a long run's hash costs more than the run). */
  async function fetchTraceHash(count: number) {
    const gen = runGen;
    const r = await timelineWorker.traceHash(count).catch(() => null);
    const { summary } = get();
    if (!r?.ok || gen !== runGen || !summary || summary.traceHash !== null) return;
    set({ summary: { ...summary, traceHash: r.value } });
  }

  return {
    scenario: null,
    presetId: null,
    summary: null,
    frame: null,
    motion: 'jump',
    banner: null,
    fault: null,
    busy: false,

    async load(input, opts = {}) {
      set({ busy: true });
      // The step to show comes with the run: one answer and one render, not two of each.
      const r = await timelineWorker.load(input, Math.max(0, opts.step ?? 0));
      if (!r.ok) {
        set({ busy: false, banner: r.error });
        return false;
      }
      const { scenario, summary, frame } = r.value;
      const gen = ++runGen;
      // Seeks asked for before this answer belong to the previous run.
      seekTicket++;
      if (frame) {
        requested = frame.index;
        frameGen = runGen;
        seekRequested();
      }
      set({
        scenario,
        summary,
        presetId: opts.presetId ?? null,
        // Nothing changes the run until all of it has run (its first steps can be stepped).
        busy: !summary.complete,
        playing: false,
        selected: [],
        anchor: null,
        inspect: null,
        ...(frame && { frame, motion: 'jump' as const }),
      });
      if (!frame) await get().seek(clamp(opts.step ?? 0, summary.count), 'jump');
      if (!summary.complete) {
        const done = timelineWorker.completed(scenario.actions.length);
        rest = done.catch(() => null);
        const whole = await done;
        // Another load replaced this run meanwhile: what happens to it is that load's.
        if (gen !== runGen) return true;
        if (!whole.ok) {
          set({ busy: false, banner: whole.error });
          return false;
        }
        set({ summary: whole.value, busy: false });
        void fetchTraceHash(whole.value.count);
        return true;
      }
      if (summary.traceHash === null) void fetchTraceHash(summary.count);
      return true;
    },

    async seek(index, motion = 'jump') {
      let { summary } = get();
      if (summary && !summary.complete && index >= summary.count) {
        // Past what has run of a run still going: wait for the rest.
        await rest;
        summary = get().summary;
        if (!summary?.complete) return;
      }
      if (!summary || summary.count === 0) return;
      let i = clamp(index, summary.count);
      const before = get().frame;
      if (before && frameGen === runGen) {
        // Predict mode: a forward move stops at a question not answered yet, counted from the
        // step last asked for (Home then End, pressed faster than frames arrive, stops at the
        // first question, not one past the step still shown).
        const g = gated(requested ?? before.index, i);
        if (g !== i) {
          i = g;
          if (get().playing) set({ playing: false });
        }
      }
      const ticket = ++seekTicket;
      requested = i;
      seekRequested();
      try {
        const shown = get().frame;
        const gen = runGen;
        if (shown && frameGen === gen && Math.abs(i - shown.index) === 1) {
          // A neighbour: only that waypoint's changes cross from the worker.
          const r = unwrap(await timelineWorker.stepTo(shown.index, i));
          if (ticket !== seekTicket) return;
          frameGen = gen;
          if (r.kind === 'frame') return set({ frame: r.frame, motion });
          if (get().frame === shown) {
            const world = replay(shown.world, r.changes, r.forward);
            return set({ frame: { index: r.index, waypoint: r.waypoint, world }, motion });
          }
        }
        const frame = unwrap(await timelineWorker.seek(i));
        if (ticket !== seekTicket) return;
        frameGen = gen;
        set({ frame, motion });
      } catch (e) {
        set({ fault: String(e), playing: false });
      }
    },

    stepBy(delta) {
      const { frame, seek } = get();
      if (!frame) return;
      get().pause();
      // Count from the step last asked for: keys pressed faster than frames arrive must add up.
      const from = requested ?? frame.index;
      void seek(from + delta, delta > 0 ? 'forward' : 'back');
    },

    stepAction(delta) {
      const { frame, summary, seek } = get();
      if (!frame || !summary) return;
      get().pause();
      const spans = summary.actions;
      const from = requested ?? frame.index;
      const at = spans.findIndex((s) => from >= s.first && from <= s.last);
      let target: number;
      if (delta > 0) {
        const cur = spans[at];
        target = cur && from < cur.last ? cur.last : (spans[at + 1]?.last ?? lastStep(summary));
      } else {
        // Back: to the end of the previous action, the state this action started from.
        target = spans[at - 1]?.last ?? 0;
      }
      void seek(target, 'jump');
    },

    async append(actions) {
      const { summary, scenario: before } = get();
      if (!summary || !before || actions.length === 0) return;
      const firstNewAction = before.actions.length;
      set({ busy: true, playing: false });
      try {
        let next = summary;
        for (const a of actions) next = unwrap(await timelineWorker.append(a));
        const scenario = get().scenario;
        set({
          summary: next,
          presetId: null,
          busy: false,
          // A pin from the toolbar makes a @1 run @2, as the worker's timeline does.
          scenario: scenario
            ? withFormatFor({ ...scenario, actions: [...scenario.actions, ...actions] })
            : scenario,
        });
        const firstNew = next.actions.find((s) => s.i === firstNewAction)?.first;
        if (firstNew === undefined) return;
        await get().seek(firstNew, 'forward');
        get().play(next.count - 1);
      } catch (e) {
        set({ busy: false, fault: String(e) });
      }
    },

    setBanner: (banner) => set({ banner }),
  };
};
