// The lesson picker: the course, topic by topic, each lesson marked visited and with its quiz score.
import { useSyncExternalStore } from 'react';
import { PRESETS, TOPICS } from '../../scenario/presets/index.ts';
import { answersSnapshot, scoreOf, subscribeAnswers } from '../quiz/scores.ts';
import { useLab } from '../store/store.ts';
import { lessonLabel, subscribeVisited, visitedSnapshot } from './progress.ts';

export function LessonPicker() {
  const presetId = useLab((s) => s.presetId);
  const title = useLab((s) => s.scenario?.title);
  const load = useLab((s) => s.load);
  // CourseProgress marks the lesson visited; the picker follows the same list.
  const visited = useSyncExternalStore(subscribeVisited, visitedSnapshot);
  // Predict mode's answers, live: a lesson's mark changes as an answer is given or reset.
  const answers = useSyncExternalStore(subscribeAnswers, answersSnapshot);
  const topics = TOPICS.filter((t) => PRESETS.some((p) => p.topic === t));
  return (
    <label className="preset-picker">
      <span className="sr-only">Lesson</span>
      <select
        value={presetId ?? ''}
        onChange={(e) => {
          const p = PRESETS.find((x) => x.id === e.target.value);
          if (p) void load(p.scenario, { presetId: p.id });
        }}
      >
        {presetId === null && <option value="">{title ?? 'Custom scenario'} (custom)</option>}
        {topics.map((t, i) => (
          <optgroup key={t} label={`${i + 1}. ${t}`}>
            {PRESETS.filter((p) => p.topic === t).map((p) => (
              <option key={p.id} value={p.id} title={p.title}>
                {lessonLabel(p.short, visited.includes(p.id), scoreOf(answers, p.id))}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </label>
  );
}
