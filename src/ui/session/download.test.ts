import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../scenario/types.ts';
import { exportFileName, slugify } from './download.ts';

const scenario = (title?: string): Scenario => ({
  format: 'hmm-lab/scenario@1',
  ...(title !== undefined && { title }),
  config: { hostFrames: 8, devices: [{ name: 'gpu0', frames: 4 }] },
  actions: [],
});

describe('export file names', () => {
  it('slugs the title', () => {
    expect(exportFileName(scenario('CPU touch brings a page home'), null)).toBe(
      'hmm-lab-cpu-touch-brings-a-page-home.json',
    );
  });
  it('drops accents, markup and path characters', () => {
    expect(slugify('Café <img src=x> ../../etc/passwd')).toBe('cafe-img-src-x-etc-passwd');
  });
  it('falls back to the preset id, then to "scenario"', () => {
    expect(exportFileName(scenario(), 'cpu-touch')).toBe('hmm-lab-cpu-touch.json');
    expect(exportFileName(scenario('!!!'), null)).toBe('hmm-lab-scenario.json');
  });
  it('keeps names short', () => {
    const name = exportFileName(scenario('a '.repeat(100)), null);
    expect(name.length).toBeLessThanOrEqual('hmm-lab-.json'.length + 48);
    expect(name).not.toMatch(/--|-\.json/);
  });
});
