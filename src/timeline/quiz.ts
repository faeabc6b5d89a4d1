// Predict, then reveal: questions generated from a run. Each is asked at a waypoint before its
// answer is on screen and decided at a later one (`reveal`); the answer is read from the
// engine's own state or result there, never typed by hand. Pure and deterministic: the same
// scenario gives the same questions, choices in the same order.
import type { ActionResult } from '../engine/result.ts';
import { pageValue, type World } from '../engine/state.ts';
import type { Action } from '../scenario/types.ts';
import type { Timeline } from './timeline.ts';
import type { ActionSpan } from './types.ts';

export type QuestionKind = 'where' | 'read' | 'migrated' | 'status' | 'seq' | 'nextfn';

export interface Question {
  /** Stable id (kind:action:at), the key of a stored answer. */
  id: string;
  kind: QuestionKind;
  action: number;
  /** Asked when the lab rests on this waypoint (the answer is not on screen yet). */
  at: number;
  /** The waypoint that decides it. */
  reveal: number;
  text: string;
  choices: string[];
  /** Index of the right choice. */
  answer: number;
  /** Why, in one sentence: the deciding waypoint's function and narration. */
  why: string;
  pid?: number;
  page?: number;
  device?: string;
  /** A lesson's own question: its explanation comes first in `why`. */
  pinned?: boolean;
}

/** A lesson's pinned question: which kind to ask before an action, and why it matters. */
export interface QuizPin {
  action: number;
  kind: Exclude<QuestionKind, 'nextfn'>;
  why: string;
}

/** The kernel functions worth predicting, by flow; distractors come from the same list. */
const FLOWS: readonly (readonly string[])[] = [
  [
    'migrate_vma_setup',
    'migrate_vma_pages',
    'migrate_vma_finalize',
    'hmm_range_fault',
    'page_free',
  ],
  ['do_swap_page', 'migrate_to_ram', 'do_anonymous_page', 'handle_mm_fault', 'hmm_vma_fault'],
  [
    'mmu_notifier_invalidate_range_start',
    'dmirror_interval_invalidate',
    'mmu_interval_read_retry',
    'zap_pte_range',
    'page_free',
  ],
  [
    'make_device_exclusive',
    'remove_device_exclusive_entry',
    'dmirror_atomic_map',
    'do_swap_page',
    'hmm_range_fault',
  ],
  [
    'page_free',
    'xa_erase',
    'migrate_vma_finalize',
    'dmirror_migrate_finalize_and_map',
    'zap_pte_range',
  ],
];
const KEY_FNS = new Set(
  FLOWS.map((f) => f[0]).concat([
    'page_free',
    'migrate_to_ram',
    'dmirror_interval_invalidate',
    'mmu_interval_read_retry',
  ]),
);
const ERRNOS = ['ok', 'EFAULT', 'EPERM', 'ENOMEM', 'EBUSY', 'EINVAL', 'ENOENT'];
/** Only the first this many actions get questions: a lesson is short, a bench run is not. */
const MAX_ACTIONS = 400;

/** FNV-1a: a stable order for choices, the same for every viewer of the same link. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function pack(
  base: Omit<Question, 'choices' | 'answer' | 'why'>,
  right: string,
  wrong: readonly string[],
  why: string,
): Question | null {
  const distractors: string[] = [];
  for (const w of wrong) if (w !== right && !distractors.includes(w)) distractors.push(w);
  if (distractors.length === 0) return null;
  const choices = [right, ...distractors.slice(0, 3)].sort(
    (a, b) => hash(base.id + a) - hash(base.id + b) || (a < b ? -1 : 1),
  );
  return { ...base, choices, answer: choices.indexOf(right), why };
}

/** Where a page lives and its CPU entry, as a choice reads. */
export function whereLabel(w: World, pid: number, page: number): string {
  const v = w.procs[pid]?.pages[page];
  if (!v) return 'unmapped (no VMA)';
  const cpu = v.state === 'migration' ? 'present' : v.state;
  if (cpu === 'none') return 'nowhere yet (no PTE)';
  if (cpu === 'zero') return 'host, the shared zero page';
  if (cpu === 'device-private') return `${w.devices[v.dev].name}, device-private entry`;
  if (cpu === 'device-exclusive') return 'host, device-exclusive entry';
  return 'host, present';
}

export function readLabel(r: ActionResult): string {
  return r.status === 'ok' ? String(r.values?.[0] ?? 0) : `fails: ${r.status}`;
}

const firstPage = (a: Action): number | null => ('start' in a ? a.start : null);
const deviceOf = (a: Action): string | null => ('device' in a ? a.device : null);

interface Ctx {
  t: Timeline;
  span: ActionSpan;
  action: Action;
  before: () => World;
  after: () => World;
}

function whyAt(t: Timeline, i: number): string {
  const w = t.waypoint(i);
  return `Waypoint ${i}, ${w.fn}: ${w.text}`;
}

function build(kind: Exclude<QuestionKind, 'nextfn'>, c: Ctx, desc: string): Question | null {
  const { span, action, t } = c;
  const r = span.result;
  if (!r) return null;
  const at = span.first - 1;
  const reveal = span.last;
  const pid = action.pid ?? 1;
  const page = firstPage(action);
  const base = { id: `${kind}:${span.i}:${at}`, kind, action: span.i, at, reveal };
  const why = whyAt(t, reveal);
  switch (kind) {
    case 'where': {
      if (page === null) return null;
      const after = c.after();
      const labels = ['host, present', 'nowhere yet (no PTE)', 'host, device-exclusive entry'];
      for (const d of after.devices) labels.unshift(`${d.name}, device-private entry`);
      const was = whereLabel(c.before(), pid, page);
      return pack(
        {
          ...base,
          text: `After ${desc}, where does page ${page} live, and what is its CPU entry?`,
          pid,
          page,
        },
        whereLabel(after, pid, page),
        [was, ...labels],
        why,
      );
    }
    case 'read': {
      if (page === null) return null;
      const right = readLabel(r);
      const prev = c.before().procs[pid]?.pages[page];
      const held = prev ? pageValue(c.before(), pid, page, prev) : 0;
      const n = r.values?.[0] ?? held;
      return pack(
        { ...base, text: `What does ${desc} return for page ${page}?`, pid, page },
        right,
        [String(held), String(n + 1), '0', 'fails: EFAULT', String(n - 1)],
        why,
      );
    }
    case 'migrated': {
      const count = 'count' in action ? (action.count ?? 1) : 1;
      const right = String(r.migrated ?? 0);
      return pack(
        { ...base, text: `How many pages will ${desc} report as migrated?` },
        right,
        [
          String(count),
          '0',
          String(r.cpages ?? count),
          String(Math.max(0, count - 1)),
          String(count + 1),
        ],
        why,
      );
    }
    case 'status': {
      return pack(
        { ...base, text: `Does ${desc} succeed, or which errno does it get?` },
        r.status,
        ERRNOS,
        why,
      );
    }
    case 'seq': {
      const dev = deviceOf(action) ?? c.after().devices[0]?.name;
      const d0 = c.before().devices.find((d) => d.name === dev);
      const d1 = c.after().devices.find((d) => d.name === dev);
      if (!d0 || !d1) return null;
      const moved = d1.seq !== d0.seq ? 'yes, it moves' : 'no, it stays';
      return pack(
        {
          ...base,
          text: `Does ${dev}'s mmu interval notifier sequence move during ${desc}?`,
          device: dev,
        },
        moved,
        ['yes, it moves', 'no, it stays'],
        why,
      );
    }
  }
}

/** The question an action gets by default, from what it does. */
function defaultKind(a: Action, before: () => World): Exclude<QuestionKind, 'nextfn'> | null {
  switch (a.op) {
    case 'cpu_read':
    case 'dev_read':
      return 'read';
    case 'dev_write':
    case 'make_exclusive':
    case 'mprotect':
      return 'status';
    case 'migrate_to_device':
      return 'migrated';
    case 'migrate_to_host':
    case 'release':
      return 'where';
    case 'cpu_write': {
      // A CPU write is worth a question when the page is on a device: it has to come home.
      const v = before().procs[a.pid ?? 1]?.pages[a.start];
      return v && v.state !== 'present' && v.state !== 'none' ? 'where' : null;
    }
    case 'munmap':
      return 'seq';
    default:
      return null;
  }
}

/** Function questions per action: one per teaching waypoint, at most this many. */
const MAX_NEXTFN = 3;
/** How far past the first function question the others may be: beyond it the learner would
 *  step through thousands of waypoints between questions (a 4096-page action repeats itself). */
const NEXTFN_SCAN = 2048;

/** Before each of the first key functions inside the action (each a different function):
 *  which function runs next? */
function nextFns(t: Timeline, span: ActionSpan): Question[] {
  const out: Question[] = [];
  const asked = new Set<string>();
  let end = span.last;
  for (let j = span.first + 1; j <= end && out.length < MAX_NEXTFN; j++) {
    const fn = t.fn(j);
    const prev = t.fn(j - 1);
    if (!KEY_FNS.has(fn) || fn === prev || asked.has(fn)) continue;
    asked.add(fn);
    const flow = FLOWS.find((f) => f.includes(fn))!;
    const others = FLOWS.flat().filter((f) => f !== prev);
    const base = {
      id: `nextfn:${span.i}:${j - 1}`,
      kind: 'nextfn' as const,
      action: span.i,
      at: j - 1,
      reveal: j,
    };
    const q = pack(
      { ...base, text: `${prev} has run. Which kernel function comes next?` },
      fn,
      [...flow.filter((f) => f !== prev), ...others.sort((a, b) => hash(a + j) - hash(b + j))],
      whyAt(t, j),
    );
    if (!q) continue;
    if (out.length === 0) end = Math.min(span.last, j + NEXTFN_SCAN);
    out.push(q);
  }
  return out;
}

/** The questions of one action: at most one about its outcome, then up to MAX_NEXTFN about
 *  which function runs next. */
export function questionsOfAction(
  t: Timeline,
  span: ActionSpan,
  pins: readonly QuizPin[] = [],
): Question[] {
  if (span.i < 0 || !span.result) return [];
  const q = outcomeQuestion(t, span, pins);
  return [...(q ? [q] : []), ...nextFns(t, span)];
}

/** The question about what the action does, asked just before it starts. */
function outcomeQuestion(t: Timeline, span: ActionSpan, pins: readonly QuizPin[]): Question | null {
  const action = t.scenario.actions[span.i];
  let w0: World | null = null;
  let w1: World | null = null;
  const c: Ctx = {
    t,
    span,
    action,
    before: () => (w0 ??= t.seek(span.first - 1).world),
    after: () => (w1 ??= t.seek(span.last).world),
  };
  const pin = pins.find((p) => p.action === span.i);
  const kind = pin?.kind ?? defaultKind(action, c.before);
  const desc = `action ${span.i + 1} (${action.op}${'device' in action ? ` on ${action.device}` : ''})`;
  const q = kind && build(kind, c, desc);
  if (!q) return null;
  return pin ? { ...q, pinned: true, why: `${pin.why} ${q.why}` } : q;
}

/** Every question of a run, in the order they are asked. */
export function questionsOfRun(t: Timeline, pins: readonly QuizPin[] = []): Question[] {
  const spans = t.summary().actions;
  const out: Question[] = [];
  for (const s of spans.slice(0, MAX_ACTIONS + 1)) out.push(...questionsOfAction(t, s, pins));
  return out.sort((a, b) => a.at - b.at);
}

/** The questions asked at waypoint i (what the bench times on a large run). */
export function questionsAt(
  t: Timeline,
  spans: readonly ActionSpan[],
  i: number,
  pins: readonly QuizPin[] = [],
): Question[] {
  // Asked at i: the outcome question of the action starting at i + 1, or function questions
  // inside the action holding i + 1 (those are asked at its first waypoint or later).
  const k = spans.findIndex((s) => i + 1 >= s.first && i + 1 <= s.last);
  if (k < 0) return [];
  const span = spans[k];
  if (span.i < 0 || !span.result) return [];
  if (i + 1 === span.first) {
    const q = outcomeQuestion(t, span, pins);
    return q ? [q] : [];
  }
  return nextFns(t, span).filter((q) => q.at === i);
}
