import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_PRESET_ID, findPreset } from '../../scenario/presets/index.ts';

// The worker is stood in for: a link whose scenario hits an engine bug, or is refused.
const worker = vi.hoisted(() => ({
  decodeLink: vi.fn(),
  load: vi.fn(),
  seek: vi.fn(),
  stepTo: vi.fn(),
  completed: vi.fn(),
  traceHash: vi.fn(),
}));
vi.mock('../../worker/client.ts', () => ({
  timelineWorker: worker,
  unwrap: <T>(r: { ok: boolean; value?: T; error?: string }) => {
    if (!r.ok) throw new Error(r.error);
    return r.value as T;
  },
}));

const { openFromLocation } = await import('./hashSync.ts');
const { useLab } = await import('../store/store.ts');
const { useBugs } = await import('../session/bugs.ts');

const fallback = findPreset(DEFAULT_PRESET_ID)!;
const linked = { ...fallback.scenario, title: 'From a link' };
const summary = { count: 3, complete: true, traceHash: 'ab', actions: [], markers: [] };
const frame = { index: 0, waypoint: { changes: [] }, world: {} };

beforeEach(() => {
  vi.stubGlobal('window', { location: { hash: '#v1.something' } });
  useLab.setState({ scenario: null, summary: null, frame: null, banner: null });
  useBugs.setState({ bug: null });
  worker.decodeLink.mockResolvedValue({ ok: true, kind: 'scenario', scenario: linked, step: 2 });
  worker.seek.mockResolvedValue({
    ok: true,
    value: { index: 0, waypoint: { changes: [] }, world: {} },
  });
});

/** The worker loads every scenario but the linked one, which fails with `error`. */
const linkedFails = (error: string) =>
  worker.load.mockImplementation(async (s: { title: string }) =>
    s.title === linked.title ? { ok: false, error } : { ok: true, value: { scenario: s, summary } },
  );

describe('opening a link at startup', () => {
  it('an engine bug in the linked scenario goes to the bug panel; the default lesson opens', async () => {
    linkedFails('EngineBug: engine bug in action 3 (dev_read): boom');
    await openFromLocation();
    expect(useBugs.getState().bug?.message).toMatch(/^EngineBug: .*boom/);
    expect(useBugs.getState().bug?.input).toEqual(linked);
    expect(useLab.getState().scenario).toEqual(fallback.scenario);
    const banner = useLab.getState().banner!;
    expect(banner).toBe(
      'This link could not be opened: the simulation hit a bug (see the report panel)',
    );
    expect(banner).not.toMatch(/EngineBug/);
  });

  it('a bug in the rest of a long run, after its first step was shown, is reported the same', async () => {
    worker.load.mockImplementation(async (s: { title: string }) => ({
      ok: true,
      value:
        s.title === linked.title
          ? { scenario: s, summary: { ...summary, complete: false, traceHash: null }, frame }
          : { scenario: s, summary },
    }));
    let fail = (_: unknown) => {};
    worker.completed.mockReturnValue(new Promise((resolve) => (fail = resolve)));
    const opening = openFromLocation();
    await vi.waitFor(() => expect(useLab.getState().frame).toEqual(frame));
    expect(useLab.getState().scenario).toEqual(linked);
    expect(useLab.getState().busy).toBe(true);
    fail({ ok: false, error: 'EngineBug: engine bug in action 5 (dev_read): late' });
    await opening;
    expect(useBugs.getState().bug?.message).toMatch(/^EngineBug: .*late/);
    expect(useLab.getState().scenario).toEqual(fallback.scenario);
    expect(useLab.getState().busy).toBe(false);
    expect(useLab.getState().banner).toBe(
      'This link could not be opened: the simulation hit a bug (see the report panel)',
    );
  });

  it('a scenario the worker refuses says why over the default lesson, with no bug report', async () => {
    linkedFails('actions[0].count: must be at least 1');
    await openFromLocation();
    expect(useBugs.getState().bug).toBeNull();
    expect(useLab.getState().scenario).toEqual(fallback.scenario);
    expect(useLab.getState().banner).toBe(
      'This link could not be opened: actions[0].count: must be at least 1',
    );
  });
});
