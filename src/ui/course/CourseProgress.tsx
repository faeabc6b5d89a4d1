// How far through the course this browser has come (visited lessons).
import { useEffect, useState } from 'react';
import { PRESETS } from '../../scenario/presets/index.ts';
import { useLab } from '../store/store.ts';
import { markVisited, visitedLessons } from './progress.ts';

export function CourseProgress() {
  const presetId = useLab((s) => s.presetId);
  const [visited, setVisited] = useState(visitedLessons);
  useEffect(() => {
    if (presetId) setVisited(markVisited(presetId));
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
