import { describe, expect, it } from 'vitest';
import { devPage, vPage } from '../../engine/state.ts';
import { devPaint, hostPaint, pagePaint } from './paints.ts';

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

describe('dense paint of pins', () => {
  it('marks a pinned host or device frame with the pin corner, and only a pinned one', () => {
    const coherent = { ...devPage(1, 'z', false, 0, 0), ref: 2, pins: 1 };
    expect(devPaint(coherent, 0, undefined, 'coherent').pin).toBe(true);
    expect(devPaint({ ...coherent, pins: 0 }, 0, undefined, 'coherent')).not.toHaveProperty('pin');
    const host = { ref: 2, map: 1, locked: false, value: 5, pins: 1 };
    expect(hostPaint(host, 'changed')).toEqual({
      fill: '--host',
      stroke: '--host',
      ring: 'changed',
      pin: true,
    });
    expect(hostPaint({ ...host, pins: 0 }, undefined)).not.toHaveProperty('pin');
  });
});
