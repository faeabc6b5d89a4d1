import { lastStep } from '../store/lastStep.ts';
import { useLab } from '../store/store.ts';
import { SPEEDS } from '../store/playbackSlice.ts';
import { WhatIfButton } from '../whatif/WhatIfButton.tsx';
import { DriverCompareButton } from '../drivers/DriverCompareButton.tsx';
import { Icon } from './Icon.tsx';
import { Scrubber } from './Scrubber.tsx';

/** Step, play and scrub through the run. Buttons share their actions with the keyboard. */
export function Transport() {
  const index = useLab((s) => s.frame?.index ?? 0);
  const count = useLab((s) => s.summary?.count ?? 0);
  // Infinity while a link's long run is still going: its count is not known yet.
  const last = useLab((s) => lastStep(s.summary));
  const playing = useLab((s) => s.playing);
  const speed = useLab((s) => s.speed);
  const { stepBy, stepAction, seek, togglePlay, setSpeed, pause } = useLab.getState();
  const atStart = index <= 0;
  const atEnd = index >= last;
  return (
    <footer className="transport" aria-label="Timeline">
      <div className="transport-row">
        <div className="tbuttons" role="group" aria-label="Stepping">
          <button
            type="button"
            title="Jump to start (Home)"
            aria-label="Jump to start"
            disabled={atStart}
            onClick={() => {
              pause();
              void seek(0, 'jump');
            }}
          >
            <Icon name="start" />
          </button>
          <button
            type="button"
            title="Previous action (Shift+←)"
            aria-label="Previous action"
            disabled={atStart}
            onClick={() => stepAction(-1)}
          >
            <Icon name="prevAction" />
          </button>
          <button
            type="button"
            data-testid="step-back"
            title="Previous waypoint (←)"
            aria-label="Previous waypoint"
            disabled={atStart}
            onClick={() => stepBy(-1)}
          >
            <Icon name="prev" />
          </button>
          <button
            type="button"
            className="play"
            title="Play / pause (Space)"
            aria-label={playing ? 'Pause' : 'Play'}
            onClick={togglePlay}
          >
            <Icon name={playing ? 'pause' : 'play'} />
          </button>
          <button
            type="button"
            data-testid="step-forward"
            title="Next waypoint (→)"
            aria-label="Next waypoint"
            disabled={atEnd}
            onClick={() => stepBy(1)}
          >
            <Icon name="next" />
          </button>
          <button
            type="button"
            title="Next action (Shift+→)"
            aria-label="Next action"
            disabled={atEnd}
            onClick={() => stepAction(1)}
          >
            <Icon name="nextAction" />
          </button>
          <button
            type="button"
            title="Jump to end (End)"
            aria-label="Jump to end"
            disabled={atEnd}
            onClick={() => {
              pause();
              void seek(last, 'jump');
            }}
          >
            <Icon name="end" />
          </button>
        </div>
        <div className="stepno" aria-label="current waypoint">
          step <span data-testid="step-index">{index}</span>
          <span className="muted"> / </span>
          {last === Infinity ? (
            <span
              data-testid="step-count"
              aria-busy="true"
              title="Still running: the count follows"
            >
              …
            </span>
          ) : (
            <span data-testid="step-count">{count}</span>
          )}
        </div>
        <WhatIfButton />
        <DriverCompareButton />
        <label className="speed">
          <span className="muted">speed</span>
          <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        <Scrubber />
      </div>
    </footer>
  );
}
