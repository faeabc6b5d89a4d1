// The course: lessons in PRESETS order; which ones were visited, kept in this browser only.
import { PRESETS } from '../../scenario/presets/index.ts';

const KEY = 'hmm-lab-course@1';

export function visitedLessons(): string[] {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function markVisited(id: string): string[] {
  const all = visitedLessons();
  if (all.includes(id)) return all;
  const next = [...all, id];
  try {
    localStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    // Storage off: progress lasts for this page.
  }
  return next;
}

export function nextLesson(id: string): (typeof PRESETS)[number] | undefined {
  const i = PRESETS.findIndex((p) => p.id === id);
  return i < 0 ? undefined : PRESETS[i + 1];
}
