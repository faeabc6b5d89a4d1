import { describe, expect, it } from 'vitest';
import { browserLauncher } from './openBrowser.ts';

const yes = () => true;
const no = () => false;

describe('browserLauncher', () => {
  it('never opens a browser on a headless Linux machine', () => {
    expect(browserLauncher('linux', { PATH: '/usr/bin' }, yes)).toBeNull();
  });

  it('opens one on a Linux desktop with xdg-open, X11 or Wayland', () => {
    expect(browserLauncher('linux', { DISPLAY: ':0' }, yes)?.command).toBe('xdg-open');
    expect(browserLauncher('linux', { WAYLAND_DISPLAY: 'wayland-0' }, yes)?.args('u')).toEqual([
      'u',
    ]);
  });

  it('does not try without xdg-open on PATH', () => {
    expect(browserLauncher('linux', { DISPLAY: ':0' }, no)).toBeNull();
    expect(browserLauncher('freebsd', { DISPLAY: ':0' }, no)).toBeNull();
  });

  it('always opens one on macOS and Windows', () => {
    expect(browserLauncher('darwin', {}, no)?.command).toBe('open');
    const win = browserLauncher('win32', {}, no);
    expect(win?.command).toBe('cmd');
    expect(win?.args('http://x/#a&b')).toEqual(['/c', 'start', '""', 'http://x/#a^&b']);
  });

  it('respects BROWSER=none and CI', () => {
    expect(browserLauncher('darwin', { BROWSER: 'none' }, yes)).toBeNull();
    expect(browserLauncher('linux', { DISPLAY: ':0', CI: 'true' }, yes)).toBeNull();
  });

  it('looks for xdg-open on PATH by default', () => {
    expect(browserLauncher('linux', { DISPLAY: ':0', PATH: '/nonexistent' })).toBeNull();
  });
});
