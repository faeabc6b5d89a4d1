import { describe, expect, it } from 'vitest';
import { errorLine } from './errorLine.ts';

const text = JSON.stringify(
  {
    format: 'hmm-lab/scenario@1',
    config: { hostFrames: 0, devices: [{ name: 'gpu0' }] },
    actions: [
      { op: 'mmap', start: 0, prot: 'rw' },
      { op: 'cpu_read', start: 0, count: 0 },
    ],
  },
  null,
  2,
);

describe('errorLine', () => {
  it('finds the line of the value a path names', () => {
    const lines = text.split('\n');
    const at = (l: number | null) => lines[(l ?? 0) - 1].trim();
    expect(at(errorLine(text, 'actions[1].count: must be ≥ 1'))).toBe('"count": 0');
    expect(at(errorLine(text, 'config.hostFrames: must be ≥ 1'))).toBe('"hostFrames": 0,');
    expect(at(errorLine(text, 'config.devices[0].frames: is required'))).toBe('{');
    expect(at(errorLine(text, 'actions[0]: needs exactly one of value and values'))).toBe('{');
  });
  it('passes JSON syntax lines through and ignores pathless messages', () => {
    expect(errorLine('{', 'invalid JSON at line 4, column 2: unexpected "x"')).toBe(4);
    expect(errorLine(text, 'scenario: must be a JSON object')).toBeNull();
  });
});
