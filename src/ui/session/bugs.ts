// Engine exceptions are bugs: keep what hit them so the user can copy a report.
import { create } from 'zustand';

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
    `app: ${typeof location === 'undefined' ? '' : location.origin + location.pathname}`,
    `user agent: ${typeof navigator === 'undefined' ? '' : navigator.userAgent}`,
    '',
    'scenario:',
    json,
  ].join('\n');
}
