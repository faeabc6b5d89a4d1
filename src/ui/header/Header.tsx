import { SessionButtons } from '../session/SessionButtons.tsx';
import { useLab } from '../store/store.ts';
import { CourseProgress } from '../course/CourseProgress.tsx';
import { LessonPicker } from '../course/LessonPicker.tsx';
import { QuizToggle } from '../quiz/QuizToggle.tsx';
import { Logo } from './Logo.tsx';

/** Title, lesson picker, share link and the run's trace hash. */
export function Header() {
  const hash = useLab((s) => s.summary?.traceHash ?? '');
  // The hash of a long run follows its first steps (and the rest of its run).
  const pending = useLab((s) => !!s.summary && s.summary.traceHash === null);
  return (
    <header className="header">
      <h1 className="brand">
        <Logo />
        <span className="brand-name">HMM Lab</span>
      </h1>
      <LessonPicker />
      <span className="spacer" />
      <CourseProgress />
      <QuizToggle />
      <SessionButtons />
      <span
        className="hash-chip"
        title={pending ? 'traceHash: computing…' : `traceHash ${hash}`}
        aria-busy={pending}
      >
        <span className="hash-label">trace </span>
        <span data-testid="trace-hash">{hash}</span>
        {pending && <span aria-hidden>…</span>}
      </span>
    </header>
  );
}
