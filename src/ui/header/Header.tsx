import { PRESETS } from '../../scenario/presets/index.ts';
import { SessionButtons } from '../session/SessionButtons.tsx';
import { useLab } from '../store/store.ts';
import { CourseProgress } from '../course/CourseProgress.tsx';
import { QuizToggle } from '../quiz/QuizToggle.tsx';
import { Logo } from './Logo.tsx';

/** Title, lesson picker, share link and the run's trace hash. */
export function Header() {
  const presetId = useLab((s) => s.presetId);
  const title = useLab((s) => s.scenario?.title);
  const hash = useLab((s) => s.summary?.traceHash ?? '');
  const load = useLab((s) => s.load);
  const groups = [...new Set(PRESETS.map((p) => p.group))];
  return (
    <header className="header">
      <h1 className="brand">
        <Logo />
        <span className="brand-name">HMM Lab</span>
      </h1>
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
          {groups.map((g) => (
            <optgroup key={g} label={g}>
              {PRESETS.filter((p) => p.group === g).map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      <span className="spacer" />
      <CourseProgress />
      <QuizToggle />
      <SessionButtons />
      <span className="hash-chip" title={`traceHash ${hash}`}>
        <span className="hash-label">trace </span>
        <span data-testid="trace-hash">{hash}</span>
      </span>
    </header>
  );
}
