// Predict mode: at a question point the lab stops before the answer is on screen and asks;
// stepping on to the deciding waypoint reveals it, with that waypoint's narration as the why.
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { findPreset } from '../../scenario/presets/index.ts';
import type { Question, QuizPin } from '../../timeline/quiz.ts';
import { timelineWorker } from '../../worker/client.ts';
import { setSeekGate } from '../store/seekGate.ts';
import { useLab } from '../store/store.ts';
import {
  answersSnapshot,
  lessonKey,
  resetAnswers,
  saveAnswer,
  scoreOf,
  subscribeAnswers,
} from './scores.ts';
import './quiz.css';

function pinsOf(presetId: string | null): QuizPin[] {
  const p = presetId ? findPreset(presetId) : undefined;
  return (p?.notes ?? []).flatMap((n) => (n.quiz ? [{ action: n.action, ...n.quiz }] : []));
}

export default function QuizPanel() {
  const summary = useLab((s) => s.summary);
  const presetId = useLab((s) => s.presetId);
  const index = useLab((s) => s.frame?.index ?? -1);
  const [questions, setQuestions] = useState<{ for: unknown; list: Question[] } | null>(null);
  const answers = useSyncExternalStore(subscribeAnswers, answersSnapshot);
  const [reset, setReset] = useState(false);
  const scenario = useLab((s) => s.scenario);
  const lesson = useMemo(() => presetId ?? lessonKey(scenario), [presetId, scenario]);
  const mine = answers[lesson] ?? {};
  const given = Object.keys(mine).length;
  const firstChoice = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    // The questions are asked of the whole run.
    if (!summary?.complete) return;
    let live = true;
    void timelineWorker.quiz(pinsOf(presetId)).then((r) => {
      if (live) setQuestions({ for: summary, list: r.ok ? r.value : [] });
    });
    return () => {
      live = false;
    };
  }, [summary, presetId]);
  const list = useMemo(
    () => (questions?.for === summary ? questions.list : []),
    [questions, summary],
  );

  // Forward moves stop at a question not answered yet.
  const answered = useRef(mine);
  useEffect(() => {
    answered.current = mine;
  });
  useEffect(
    () =>
      setSeekGate((from, to) => {
        if (to <= from) return to;
        const q = list.find((x) => !answered.current[x.id] && x.at >= from && x.at < to);
        return q ? q.at : to;
      }),
    [list],
  );

  // Asked here and not answered yet; or answered, waiting for its deciding waypoint.
  const asking = list.find((x) => x.at === index && !mine[x.id]);
  const waiting = list.filter((x) => mine[x.id] && x.at <= index && index < x.reveal).at(-1);
  const q = asking ?? waiting;
  const mineQ = q ? mine[q.id] : undefined;
  // The latest answer the run has decided by now.
  let told: Question | undefined;
  for (const x of list)
    if (mine[x.id] && x.reveal <= index && (!told || x.reveal >= told.reveal)) told = x;
  const toldMine = told ? mine[told.id] : undefined;
  useEffect(() => {
    if (asking) firstChoice.current?.focus({ preventScroll: true });
  }, [asking]);

  const answer = (k: number) => {
    if (!asking) return;
    setReset(false);
    saveAnswer(lesson, asking.id, asking.choices[k], k === asking.answer);
  };
  useEffect(() => {
    if (!asking) return;
    const n = asking.choices.length;
    const onKey = (e: KeyboardEvent) => {
      const k = Number(e.key) - 1;
      if (Number.isInteger(k) && k >= 0 && k < n && !e.altKey && !e.ctrlKey && !e.metaKey) {
        e.preventDefault();
        answer(k);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  // An answer counts once the run has decided it (the score must not give it away early).
  const undecided = new Set(list.filter((x) => x.reveal > index).map((x) => x.id));
  const score = scoreOf(answers, lesson, undecided);
  return (
    <section className="panel quiz" aria-label="Predict mode">
      <header className="quiz-head">
        <h2 className="panel-title">Predict</h2>
        <span
          className="quiz-score"
          data-testid="quiz-score"
          title="Right answers of those given in this lesson (kept in this browser only)"
        >
          {score.right} / {score.answered} right
        </span>
        <span className="muted quiz-count">{list.length} questions</span>
        <button
          type="button"
          className="quiz-reset"
          data-testid="quiz-reset"
          // Not `disabled`: the button keeps the focus after it has reset everything.
          aria-disabled={given === 0}
          title="Forget this lesson's answers: its questions are asked again, the score starts over"
          onClick={() => {
            if (given === 0) return;
            resetAnswers(lesson);
            setReset(true);
          }}
        >
          Reset answers
        </button>
      </header>
      <div aria-live="polite" aria-atomic="true" className="quiz-live">
        {reset && (
          <p className="quiz-reset-done">
            Answers reset: each question of this lesson is asked again.
          </p>
        )}
        {told && toldMine && (
          <div
            className={`quiz-verdict ${toldMine.right ? 'right' : 'wrong'}`}
            data-testid="quiz-verdict"
            data-correct={toldMine.right ? 'true' : 'false'}
          >
            <b>{toldMine.right ? '✓ Right.' : '✗ Not quite.'}</b>{' '}
            {toldMine.right
              ? `${told.text} It is ${told.choices[told.answer]}.`
              : `${told.text} You said ${toldMine.chose}; it is ${told.choices[told.answer]}.`}
            <span className="quiz-why">Decided at {told.why}</span>
          </div>
        )}
        {q && (
          <p className="quiz-question" data-testid="quiz-question">
            {q.pinned && <span className="quiz-pin">Lesson question · </span>}
            {q.text}
          </p>
        )}
        {q && mineQ && (
          <p className="quiz-wait">
            You said <b>{mineQ.chose}</b>. Step on to waypoint {q.reveal} to see what the kernel
            does.
          </p>
        )}
        {!reset && !q && !told && (
          <p className="muted">
            Step on: the lab stops and asks before each step that teaches something.
          </p>
        )}
      </div>
      {asking && (
        <ol className="quiz-choices" aria-label="Answers (keys 1–4)">
          {asking.choices.map((c, k) => (
            <li key={c}>
              <button
                type="button"
                ref={k === 0 ? firstChoice : undefined}
                data-testid="quiz-choice"
                onClick={() => answer(k)}
              >
                <kbd aria-hidden="true">{k + 1}</kbd> {c}
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
