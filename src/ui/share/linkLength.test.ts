import { describe, expect, it } from 'vitest';
import { formatLength, linkFit, withEmbed, withoutStep } from './linkLength.ts';

describe('share link length', () => {
  it('is fine up to 2,000 characters, long beyond, refused beyond 16 KB', () => {
    const h = (n: number) => '#v1.' + 'a'.repeat(n - 4);
    expect(linkFit('x'.repeat(2000), h(100))).toBe('ok');
    expect(linkFit('x'.repeat(2001), h(100))).toBe('long');
    expect(linkFit('x'.repeat(16384), h(16384))).toBe('long');
    expect(linkFit('x'.repeat(16385), h(16385))).toBe('too-long');
  });
  it('drops or keeps the step', () => {
    expect(withoutStep('#v1.abc&step=12')).toBe('#v1.abc');
    expect(withoutStep('#preset/cpu-touch&step=3&embed=1')).toBe('#preset/cpu-touch&embed=1');
    expect(withoutStep('#v1.abc')).toBe('#v1.abc');
  });
  it('adds embed once', () => {
    expect(withEmbed('#v1.abc')).toBe('#v1.abc&embed=1');
    expect(withEmbed('#v1.abc&embed=1')).toBe('#v1.abc&embed=1');
  });
  it('formats lengths', () => {
    expect(formatLength(1234)).toBe('1,234 characters');
    expect(formatLength(20480)).toBe('20,480 characters');
  });
});
