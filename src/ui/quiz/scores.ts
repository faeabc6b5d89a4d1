// Predict mode's answers, per lesson, kept in this browser only (localStorage; never sent).
// One snapshot for the page, so the quiz panel and the lesson picker show the same score the
// moment an answer is given or a lesson's answers are reset.
export const QUIZ_KEY = 'hmm-lab-quiz@1';

/** lesson → question id → the choice made and whether it was right. */
export type Answers = Record<string, Record<string, { chose: string; right: boolean }>>;

function readAnswers(): Answers {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(QUIZ_KEY) ?? '{}');
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Answers) : {};
  } catch {
    return {};
  }
}

let snapshot: Answers | null = null;
const listeners = new Set<() => void>();

/** The answers as this page knows them (the same object until they change). */
export function answersSnapshot(): Answers {
  return (snapshot ??= readAnswers());
}

/** Hears every change: an answer, a reset, or another tab of this lab saving one. */
export function subscribeAnswers(onChange: () => void): () => void {
  const fromOtherTab = (e: StorageEvent) => {
    if (e.key !== QUIZ_KEY) return;
    snapshot = null;
    onChange();
  };
  listeners.add(onChange);
  window.addEventListener('storage', fromOtherTab);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener('storage', fromOtherTab);
  };
}

function store(all: Answers): Answers {
  snapshot = all;
  try {
    localStorage.setItem(QUIZ_KEY, JSON.stringify(all));
  } catch {
    // Storage off (private mode, sandboxed iframe): the score lasts for this page.
  }
  for (const f of listeners) f();
  return all;
}

export function saveAnswer(lesson: string, id: string, chose: string, right: boolean): Answers {
  const all = answersSnapshot();
  return store({ ...all, [lesson]: { ...all[lesson], [id]: { chose, right } } });
}

/** Forgets a lesson's answers: its questions are asked afresh and its score starts over. */
export function resetAnswers(lesson: string): Answers {
  const rest = { ...answersSnapshot() };
  delete rest[lesson];
  return store(rest);
}

export function scoreOf(
  answers: Answers,
  lesson: string,
  undecided: ReadonlySet<string> = new Set(),
): { right: number; answered: number } {
  const list = Object.entries(answers[lesson] ?? {})
    .filter(([id]) => !undecided.has(id))
    .map(([, a]) => a);
  return { right: list.filter((a) => a.right).length, answered: list.length };
}

/** A hand-made scenario's answers are kept under a digest of the scenario itself. */
export function lessonKey(scenario: unknown): string {
  const text = JSON.stringify(scenario ?? null);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return `run:${(h >>> 0).toString(16)}`;
}
