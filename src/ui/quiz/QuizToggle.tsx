// Predict mode on/off (the header); `&quiz=1` in a link turns it on too.
import { useSession } from '../session/store.ts';

const preload = () => void import('./QuizPanel.tsx');

export function QuizToggle() {
  const on = useSession((s) => s.quiz);
  return (
    <button
      type="button"
      className="quiz-toggle"
      data-testid="quiz-toggle"
      aria-pressed={on}
      onPointerEnter={preload}
      onFocus={preload}
      onClick={() => useSession.getState().set({ quiz: !on })}
      title="Predict mode: the lab stops before steps that teach something and asks what happens"
    >
      Predict
    </button>
  );
}
