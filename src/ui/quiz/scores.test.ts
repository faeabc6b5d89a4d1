import { beforeEach, describe, expect, it, vi } from 'vitest';

/** A fresh module and an in-memory localStorage for each test (the snapshot is per page). */
async function load(stored: Record<string, string> = {}) {
  vi.resetModules();
  const data = new Map(Object.entries(stored));
  vi.stubGlobal('localStorage', {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
  });
  vi.stubGlobal('window', { addEventListener() {}, removeEventListener() {} });
  return { m: await import('./scores.ts'), data };
}

describe('quiz scores', () => {
  beforeEach(() => vi.unstubAllGlobals());

  it('an answer is saved, heard by every listener, and counted in the score', async () => {
    const { m, data } = await load();
    const heard = vi.fn();
    const off = m.subscribeAnswers(heard);
    m.saveAnswer('cpu-touch', 'read:3:40', '3', true);
    m.saveAnswer('cpu-touch', 'nextfn:2:20', 'page_free', false);
    expect(heard).toHaveBeenCalledTimes(2);
    expect(m.scoreOf(m.answersSnapshot(), 'cpu-touch')).toEqual({ right: 1, answered: 2 });
    expect(JSON.parse(data.get(m.QUIZ_KEY)!)['cpu-touch']['read:3:40']).toEqual({
      chose: '3',
      right: true,
    });
    off();
    m.saveAnswer('cpu-touch', 'x', 'y', true);
    expect(heard).toHaveBeenCalledTimes(2);
  });

  it('reset forgets one lesson, keeps the others, and is saved', async () => {
    const { m, data } = await load();
    m.saveAnswer('cpu-touch', 'a', '1', true);
    m.saveAnswer('fork-cow', 'b', '2', false);
    const before = m.answersSnapshot();
    const heard = vi.fn();
    m.subscribeAnswers(heard);
    m.resetAnswers('cpu-touch');
    expect(heard).toHaveBeenCalledTimes(1);
    expect(m.answersSnapshot()).not.toBe(before);
    expect(m.scoreOf(m.answersSnapshot(), 'cpu-touch')).toEqual({ right: 0, answered: 0 });
    expect(m.scoreOf(m.answersSnapshot(), 'fork-cow')).toEqual({ right: 0, answered: 1 });
    expect(Object.keys(JSON.parse(data.get(m.QUIZ_KEY)!))).toEqual(['fork-cow']);
  });

  it('reads what an earlier visit saved; a broken entry reads as no answers', async () => {
    const saved = JSON.stringify({ 'cpu-touch': { a: { chose: '1', right: true } } });
    const { m } = await load({ 'hmm-lab-quiz@1': saved });
    expect(m.scoreOf(m.answersSnapshot(), 'cpu-touch')).toEqual({ right: 1, answered: 1 });
    const broken = await load({ 'hmm-lab-quiz@1': '{nope' });
    expect(broken.m.answersSnapshot()).toEqual({});
  });

  it('the score leaves out answers the run has not decided yet', async () => {
    const { m } = await load();
    m.saveAnswer('l', 'a', '1', true);
    m.saveAnswer('l', 'b', '2', true);
    expect(m.scoreOf(m.answersSnapshot(), 'l', new Set(['b']))).toEqual({ right: 1, answered: 1 });
  });
});
