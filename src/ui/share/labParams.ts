// The lab's own link params after `&step=N` (quiz, what-if branch), in the order links use
// (src/scenario/link.ts linkParams). The branch is encoded in the worker: the codec stays out
// of the first paint.
import { timelineWorker } from '../../worker/client.ts';
import { useSession } from '../session/store.ts';

export async function labParams(): Promise<string> {
  const { quiz, whatif } = useSession.getState();
  let out = quiz ? '&quiz=1' : '';
  if (whatif) out += await timelineWorker.whatifParam(whatif);
  return out;
}
