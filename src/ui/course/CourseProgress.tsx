// How far through the course this browser has come (visited lessons).
import { useEffect, useSyncExternalStore } from 'react';
import { PRESETS } from '../../scenario/presets/index.ts';
import { useLab } from '../store/store.ts';
import { markVisited, subscribeVisited, visitedSnapshot } from './progress.ts';

export function CourseProgress() {
  const presetId = useLab((s) => s.presetId);
  const visited = useSyncExternalStore(subscribeVisited, visitedSnapshot);
  useEffect(() => {
    if (presetId) markVisited(presetId);
  }, [presetId]);
  const n = visited.filter((id) => PRESETS.some((p) => p.id === id)).length;
  return (
    <span
      className="course-progress"
      data-testid="course-progress"
      title="Lessons visited in this browser"
    >
      {n} / {PRESETS.length} lessons
    </span>
  );
}
