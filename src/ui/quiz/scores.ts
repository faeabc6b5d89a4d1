// Predict mode's answers, per lesson, kept in this browser only (localStorage; never sent).
export const QUIZ_KEY = 'hmm-lab-quiz@1';

/** lesson → question id → the choice made and whether it was right. */
export type Answers = Record<string, Record<string, { chose: string; right: boolean }>>;

export function readAnswers(): Answers {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(QUIZ_KEY) ?? '{}');
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Answers) : {};
  } catch {
    return {};
  }
}

export function saveAnswer(lesson: string, id: string, chose: string, right: boolean): Answers {
  const all = readAnswers();
  all[lesson] = { ...all[lesson], [id]: { chose, right } };
  try {
    localStorage.setItem(QUIZ_KEY, JSON.stringify(all));
  } catch {
    // Storage off (private mode, sandboxed iframe): the score lasts for this page.
  }
  return all;
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
