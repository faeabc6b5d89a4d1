// Who wants to know that a step was asked for, before the worker answers: the animation layer
// ends the previous step's motion at once instead of painting it while the answer is on its way.
type Listener = () => void;

const listeners = new Set<Listener>();

export function onSeekRequest(fn: Listener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function seekRequested(): void {
  for (const fn of listeners) fn();
}
