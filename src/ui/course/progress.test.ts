import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../scenario/presets/index.ts';
import { lessonLabel, nextLesson } from './progress.ts';

describe('course', () => {
  it('labels a lesson with its visited mark and quiz score', () => {
    expect(lessonLabel('CPU touch', false, { right: 0, answered: 0 })).toBe('CPU touch');
    expect(lessonLabel('CPU touch', true, { right: 0, answered: 0 })).toBe('✓ CPU touch');
    expect(lessonLabel('CPU touch', true, { right: 2, answered: 3 })).toBe(
      '✓ CPU touch · quiz 2/3',
    );
  });

  it('goes on in course order and ends after the last lesson', () => {
    expect(nextLesson(PRESETS[0].id)).toBe(PRESETS[1]);
    expect(nextLesson(PRESETS[PRESETS.length - 1].id)).toBeUndefined();
    expect(nextLesson('no-such-lesson')).toBeUndefined();
  });
});
