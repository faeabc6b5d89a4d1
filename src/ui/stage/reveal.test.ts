import { describe, expect, it } from 'vitest';
import { inView, scrollTarget } from './reveal.ts';

const view = { top: 100, bottom: 700 };

describe('inView', () => {
  it('holds for a panel wholly inside the view, and one filling a view smaller than it', () => {
    expect(inView({ top: 120, bottom: 450 }, view)).toBe(true);
    expect(inView({ top: 50, bottom: 900 }, view)).toBe(true);
  });
  it('fails for a panel cut by either edge or out of sight', () => {
    expect(inView({ top: 600, bottom: 900 }, view)).toBe(false);
    expect(inView({ top: 20, bottom: 300 }, view)).toBe(false);
    expect(inView({ top: 1100, bottom: 1400 }, view)).toBe(false);
    expect(inView({ top: 150, bottom: 1400 }, view)).toBe(false);
  });
});

describe('scrollTarget', () => {
  it('brings a panel below up just far enough to show its bottom', () => {
    // The panel's bottom is 200 px below the view's: scroll 200 plus the margin.
    expect(scrollTarget({ top: 600, bottom: 900 }, view, 50, 5000)).toBe(260);
  });
  it('brings a panel above down to show its top', () => {
    expect(scrollTarget({ top: -300, bottom: 0 }, view, 800, 5000)).toBe(390);
  });
  it('shows the top of a panel taller than the view', () => {
    expect(scrollTarget({ top: 900, bottom: 2000 }, view, 0, 5000)).toBe(790);
  });
  it('stays within the scroll range', () => {
    expect(scrollTarget({ top: 600, bottom: 900 }, view, 50, 120)).toBe(120);
    expect(scrollTarget({ top: -300, bottom: 0 }, view, 100, 5000)).toBe(0);
  });
});
