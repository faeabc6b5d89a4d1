import { describe, expect, it } from 'vitest';
import { LAB_ACTIONS, runsOf } from './registry.ts';

const key = (pid: number, page: number) => pid * 65536 + page;

describe('actions from a selection', () => {
  it('groups selected pages into contiguous runs per pid', () => {
    expect(runsOf([key(1, 5), key(1, 3), key(1, 4), key(1, 9), key(2, 10)])).toEqual([
      { pid: 1, start: 3, count: 3 },
      { pid: 1, start: 9, count: 1 },
      { pid: 2, start: 10, count: 1 },
    ]);
  });
  it('builds one scenario action per run, with the device and value', () => {
    const write = LAB_ACTIONS.find((a) => a.id === 'dev_write')!;
    const ctx = {
      runs: runsOf([key(1, 0), key(1, 1), key(2, 4)]),
      device: 'gpu1',
      value: 9,
      prot: 'r' as const,
    };
    expect(write.build(ctx)).toEqual([
      { op: 'dev_write', device: 'gpu1', start: 0, count: 2, value: 9 },
      { op: 'dev_write', device: 'gpu1', start: 4, count: 1, value: 9, pid: 2 },
    ]);
  });
});
