import { describe, expect, it } from 'vitest';
import { MAX_DEPTH, nestedDeeperThan, parseJsonText } from './jsonText.ts';

describe('nestedDeeperThan', () => {
  it('counts brackets outside strings only', () => {
    expect(nestedDeeperThan('[[[]]]', 3)).toBe(false);
    expect(nestedDeeperThan('[[[[]]]]', 3)).toBe(true);
    expect(nestedDeeperThan('{"a":"[[[[[[\\"[[["}', 1)).toBe(false);
  });

  it('refuses hostile nesting before JSON.parse crawls through it', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const t = performance.now();
    expect(parseJsonText(deep)).toEqual({
      ok: false,
      error: `scenario: JSON is nested deeper than ${MAX_DEPTH} levels`,
    });
    expect(performance.now() - t).toBeLessThan(1000);
  });
});
