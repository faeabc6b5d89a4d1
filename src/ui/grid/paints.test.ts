import { describe, expect, it } from 'vitest';
import { devPage, vPage } from '../../engine/state.ts';
import { devPaint, pagePaint } from './paints.ts';

describe('dense paint of coherent memory', () => {
  it('fills a coherent page and frame in the device colour; private memory stays striped', () => {
    expect(pagePaint(vPage('rw', false, 'present', true, 2, -1, 1), undefined)).toEqual({
      fill: '--dev1',
      half: false,
      stroke: '--dev1',
      ring: undefined,
    });
    expect(pagePaint(vPage('rw', false, 'present', false, 2, -1, -1), 'changed').fill).toBe(
      '--host',
    );
    const used = devPage(1, 'z', false, 0, 0);
    expect(devPaint(used, 2, undefined, 'coherent')).toEqual({
      fill: '--dev2',
      stroke: '--dev2',
      ring: undefined,
    });
    expect(devPaint(used, 2, undefined)).toEqual({
      stripe: '--dev2',
      stroke: '--dev2',
      ring: undefined,
    });
    expect(devPaint(devPage(0, null, false, 0, 0), 0, 'freed', 'coherent')).toEqual({
      stroke: '--line',
      ring: 'freed',
    });
  });
});
