// Seek checkpoints of a run that has answered are built a few at a time between messages (a
// step asked for meanwhile answers between two), for as long as the run is still the one shown.
import type { Timeline } from '../timeline/timeline.ts';

/** Resolves after the messages already waiting have been answered. */
export const nextMessage = () => new Promise((resolve) => setTimeout(resolve, 0));

export async function buildCheckpointsInBackground(
  t: Timeline,
  stillShown: () => boolean,
): Promise<void> {
  for (;;) {
    await nextMessage();
    if (!stillShown()) return;
    try {
      if (t.buildCheckpoints(1)) return;
    } catch {
      // A seek that needs a checkpoint builds it itself and reports the error there.
      return;
    }
  }
}
