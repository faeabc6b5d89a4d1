// A comparison's first steps computed between messages once both runs have answered (the
// compare worker's counterpart of buildInBackground.ts).
import { KEEP, type Comparison } from '../timeline/compare.ts';
import { ALL_PAGES_UP_TO } from '../timeline/compareTypes.ts';
import { nextTask } from './nextTask.ts';

/** What the compare view lists of a big run until asked for more. */
export const FIRST_LIST = { upTo: ALL_PAGES_UP_TO, differ: ALL_PAGES_UP_TO };

/** The steps computed ahead: -1 up to this one (as many as the comparison keeps). */
export const lastStepAhead = (cmp: Comparison) => Math.min(cmp.steps.length, KEEP - 1) - 1;

/** A comparison's first steps, as the view first lists them: stepping through a what-if then
 *  answers from kept steps, not a cold pass over thousands of pages per step. */
export async function stepAheadInBackground(
  cmp: Comparison,
  stillShown: () => boolean,
): Promise<void> {
  for (let k = -1; k <= lastStepAhead(cmp); k++) {
    await nextTask();
    if (!stillShown()) return;
    try {
      cmp.at(k, FIRST_LIST);
    } catch {
      // A step that fails says so when it is asked for.
      return;
    }
  }
}
