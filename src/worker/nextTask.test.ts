import { describe, expect, it } from 'vitest';
import { nextTask } from './nextTask.ts';

describe('nextTask', () => {
  it('resolves after messages already queued, not in the same task', async () => {
    const seen: string[] = [];
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => seen.push('message');
    port2.postMessage(null);
    const yielded = nextTask().then(() => seen.push('after'));
    await Promise.resolve();
    expect(seen).toEqual([]);
    await yielded;
    expect(seen).toEqual(['message', 'after']);
    port1.close();
  });
});
