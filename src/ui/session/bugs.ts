// Engine exceptions are bugs: keep what hit them so the user can copy a report.
import { create } from 'zustand';
import type { Action, Scenario } from '../../scenario/types.ts';
import { labAddress } from '../share/labAddress.ts';
import { useLab } from '../store/store.ts';

export interface BugReport {
  message: string;
  /** The scenario that hit the bug (as given), for the report. */
  input: unknown;
}

export const useBugs = create<{ bug: BugReport | null }>()(() => ({ bug: null }));

export function reportBug(message: string, input: unknown) {
  useBugs.setState({ bug: { message, input } });
}

export function bugReportText(bug: BugReport): string {
  let json: string;
  try {
    json = JSON.stringify(bug.input, null, 2);
  } catch {
    json = '(the scenario could not be serialized)';
  }
  return [
    'HMM Lab engine bug',
    `message: ${bug.message}`,
    `app: ${typeof location === 'undefined' ? '' : labAddress()}`,
    `user agent: ${typeof navigator === 'undefined' ? '' : navigator.userAgent}`,
    '',
    'scenario:',
    json,
  ].join('\n');
}

let attempted: Action[] = [];

/** The scenario a hand-triggered action failed on: the last good one plus what was appended. */
export function scenarioWithAttempt(s: Scenario | null): Scenario | null {
  return s && { ...s, actions: [...s.actions, ...attempted] };
}

/** Remember the actions each append is about to run, so a bug report can reproduce it. */
export function captureAttempts(): () => void {
  const original = useLab.getState().append;
  useLab.setState({
    append: (actions) => {
      attempted = actions;
      return original(actions).then(() => {
        if (!useLab.getState().fault) attempted = [];
      });
    },
  });
  return () => useLab.setState({ append: original });
}
