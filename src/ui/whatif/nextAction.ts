// Which action a What if… changes: the next one not yet started at the shown step.
import type { ActionSpan } from '../../timeline/types.ts';

export function nextActionAt(spans: readonly ActionSpan[], index: number): number {
  const span = spans.find((s) => index >= s.first && index <= s.last);
  return span ? span.i + 1 : 0;
}
