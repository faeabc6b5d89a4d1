import { describe, expect, it } from 'vitest';
import { canonicalLine } from './hash.ts';

describe('canonicalLine', () => {
  it('is byte-for-byte JSON.stringify of seq, action, fn, text', () => {
    const w = {
      seq: 3,
      action: -1,
      fn: 'page_free',
      text: 'quote " backslash \\ tab \t é ✓',
      path: [],
      changes: [],
    };
    expect(canonicalLine(w)).toBe(
      JSON.stringify({ seq: w.seq, action: w.action, fn: w.fn, text: w.text }) + '\n',
    );
  });
});
