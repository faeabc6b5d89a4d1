import { describe, expect, it } from 'vitest';
import { DMIRROR_ONLY, driverTakes, whyNotOnSvm } from './driverOps.ts';
import { ACTION_SCHEMAS } from './actionSchemas.ts';

describe('ops by driver', () => {
  it('a dmirror device takes every op; an svm device all but the dmirror commands', () => {
    for (const op of Object.keys(ACTION_SCHEMAS)) {
      expect(driverTakes('dmirror', op)).toBe(true);
      expect(driverTakes('svm', op)).toBe(!DMIRROR_ONLY.has(op));
    }
    expect([...DMIRROR_ONLY].sort()).toEqual([
      'check_exclusive',
      'make_exclusive',
      'migrate_to_device',
      'migrate_to_host',
    ]);
  });

  it('says why for each op an svm device lacks, and nothing for the ones it takes', () => {
    for (const op of DMIRROR_ONLY) expect(whyNotOnSvm(op)).toMatch(/svm|dmirror/);
    for (const op of ['dev_read', 'dev_write', 'release', 'snapshot', 'fail_next_alloc'])
      expect(whyNotOnSvm(op)).toBeNull();
  });
});
