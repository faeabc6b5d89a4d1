import { describe, expect, it } from 'vitest';
import { errnoMeaning } from './errno.ts';

describe('errnoMeaning', () => {
  it("explains a pin's and an unpin's errno as theirs, other ops as before", () => {
    expect(errnoMeaning('EINVAL', 'unpin')).toMatch(/pin handle was never returned/);
    expect(errnoMeaning('EFAULT', 'pin')).toMatch(/FOLL_WRITE/);
    expect(errnoMeaning('EBUSY', 'pin')).toMatch(/migrate_device_coherent_folio/);
    expect(errnoMeaning('EINVAL', 'migrate_to_device')).toMatch(/migration range/);
    expect(errnoMeaning('ESRCH', 'pin')).toMatch(/No such process/);
    expect(errnoMeaning('ok', 'pin')).toBeUndefined();
  });
});
