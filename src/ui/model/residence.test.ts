import { describe, expect, it } from 'vitest';
import { mappersShort } from './residence.ts';

describe('mappersShort', () => {
  it('names one page once with a count when forked processes share it', () => {
    const refs = [
      { pid: 1, page: 0 },
      { pid: 2, page: 0 },
      { pid: 3, page: 0 },
    ];
    expect(mappersShort(refs, true)).toBe('p0 ×3');
  });
  it('lists different pages, with their pids when there are several processes', () => {
    expect(
      mappersShort(
        [
          { pid: 1, page: 0 },
          { pid: 2, page: 5 },
        ],
        true,
      ),
    ).toBe('1:p0 2:p5');
    expect(mappersShort([{ pid: 1, page: 7 }], false)).toBe('p7');
    expect(mappersShort([], true)).toBe('');
  });
});
