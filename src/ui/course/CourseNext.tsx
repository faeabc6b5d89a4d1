// At the end of a lesson: Next lesson (the course's order is PRESETS').
import { lastStep } from '../store/lastStep.ts';
import { useLab } from '../store/store.ts';
import { nextLesson } from './progress.ts';

export function CourseNext() {
  const presetId = useLab((s) => s.presetId);
  const atEnd = useLab((s) => !!s.frame && !!s.summary && s.frame.index >= lastStep(s.summary));
  const next = presetId && atEnd ? nextLesson(presetId) : undefined;
  if (!next) return null;
  return (
    <button
      type="button"
      className="btn-primary course-next"
      data-testid="course-next"
      onClick={() => void useLab.getState().load(next.scenario, { presetId: next.id })}
    >
      Next lesson: {next.title} →
    </button>
  );
}
