// The course: lessons in PRESETS order; which ones were visited, kept in this browser only.
import { PRESETS } from '../../scenario/presets/index.ts';

const KEY = 'hmm-lab-course@1';

function visitedLessons(): string[] {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

// One list for the whole page, so the picker and the progress count agree as soon as a
// lesson is marked (useSyncExternalStore needs the same array until it changes).
let visited: string[] | null = null;
const listeners = new Set<() => void>();

export function visitedSnapshot(): string[] {
  return (visited ??= visitedLessons());
}

export function subscribeVisited(onChange: () => void): () => void {
  listeners.add(onChange);
  return () => listeners.delete(onChange);
}

export function markVisited(id: string): void {
  const all = visitedSnapshot();
  if (all.includes(id)) return;
  visited = [...all, id];
  try {
    localStorage.setItem(KEY, JSON.stringify(visited));
  } catch {
    // Storage off: progress lasts for this page.
  }
  for (const f of listeners) f();
}

export function nextLesson(id: string): (typeof PRESETS)[number] | undefined {
  const i = PRESETS.findIndex((p) => p.id === id);
  return i < 0 ? undefined : PRESETS[i + 1];
}

/** The picker's line for a lesson: its short title, a visited mark and its quiz score. */
export function lessonLabel(
  short: string,
  visited: boolean,
  score: { right: number; answered: number },
): string {
  const quiz = score.answered > 0 ? ` · quiz ${score.right}/${score.answered}` : '';
  return `${visited ? '✓ ' : ''}${short}${quiz}`;
}
