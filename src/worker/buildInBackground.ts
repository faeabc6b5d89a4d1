// Seek checkpoints of a run that has answered are built a few at a time between messages (a
// step asked for meanwhile answers between two), for as long as the run is still the one shown.
import type { Timeline } from '../timeline/timeline.ts';
import { nextTask } from './nextTask.ts';

export async function buildCheckpointsInBackground(
  t: Timeline,
  stillShown: () => boolean,
): Promise<void> {
  for (;;) {
    await nextTask();
    if (!stillShown()) return;
    try {
      if (t.buildCheckpoints(1)) return;
    } catch {
      // A seek that needs a checkpoint builds it itself and reports the error there.
      return;
    }
  }
}
