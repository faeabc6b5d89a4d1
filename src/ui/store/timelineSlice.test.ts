import { beforeEach, describe, expect, it, vi } from 'vitest';

// The worker is stood in for: a link's long run that answers with its first steps.
const worker = vi.hoisted(() => ({
  load: vi.fn(),
  completed: vi.fn(),
  seek: vi.fn(),
  stepTo: vi.fn(),
  traceHash: vi.fn(),
}));
vi.mock('../../worker/client.ts', () => ({
  timelineWorker: worker,
  unwrap: <T>(r: { ok: boolean; value?: T; error?: string }) => {
    if (!r.ok) throw new Error(r.error);
    return r.value as T;
  },
}));

const { useLab } = await import('./store.ts');
const { lastStep } = await import('./lastStep.ts');
const { setSeekGate } = await import('./seekGate.ts');

const scenario = { format: 'hmm-lab/scenario@1', config: {}, actions: [{}, {}, {}] };
const frameAt = (index: number) => ({ index, waypoint: { action: 0, changes: [] }, world: {} });
const partial = { count: 4, complete: false, traceHash: null, actions: [], markers: [] };
const whole = { ...partial, count: 900, complete: true };

let finish: (r: unknown) => void = () => {};
beforeEach(() => {
  vi.resetAllMocks();
  useLab.setState({ scenario: null, summary: null, frame: null, banner: null, busy: false });
  worker.load.mockResolvedValue({
    ok: true,
    value: { scenario, summary: partial, frame: frameAt(0) },
  });
  worker.completed.mockReturnValue(new Promise((resolve) => (finish = resolve)));
  worker.seek.mockImplementation(async (i: number) => ({ ok: true, value: frameAt(i) }));
  worker.traceHash.mockReturnValue(new Promise(() => {}));
});

describe('a run that answers with its first steps', () => {
  it('shows its first step at once; the count, and changes to the run, wait for the rest', async () => {
    const loading = useLab.getState().load(scenario, { step: 0 });
    await vi.waitFor(() => expect(useLab.getState().frame?.index).toBe(0));
    const s = useLab.getState();
    expect(lastStep(s.summary)).toBe(Infinity);
    expect(s.busy).toBe(true);
    expect(worker.completed).toHaveBeenCalledWith(3);
    expect(worker.traceHash).not.toHaveBeenCalled();
    finish({ ok: true, value: whole });
    expect(await loading).toBe(true);
    expect(useLab.getState().summary).toEqual(whole);
    expect(lastStep(useLab.getState().summary)).toBe(899);
    expect(useLab.getState().busy).toBe(false);
    expect(worker.traceHash).toHaveBeenCalledWith(900);
  });

  it('a seek within what has run is answered; one past it waits for the rest, then clamps', async () => {
    void useLab.getState().load(scenario, { step: 0 });
    await vi.waitFor(() => expect(useLab.getState().frame?.index).toBe(0));
    await useLab.getState().seek(3);
    expect(useLab.getState().frame?.index).toBe(3);
    const far = useLab.getState().seek(5000);
    await new Promise((r) => setTimeout(r, 10));
    expect(worker.seek).not.toHaveBeenCalledWith(5000);
    expect(useLab.getState().frame?.index).toBe(3);
    finish({ ok: true, value: whole });
    await far;
    expect(useLab.getState().frame?.index).toBe(899);
  });

  it('a run that fails in its rest fails the load, with the worker’s message', async () => {
    const loading = useLab.getState().load(scenario, { step: 0 });
    await vi.waitFor(() => expect(useLab.getState().frame?.index).toBe(0));
    finish({ ok: false, error: 'EngineBug: engine bug in action 2 (dev_read): x' });
    expect(await loading).toBe(false);
    expect(useLab.getState().banner).toMatch(/^EngineBug/);
    expect(useLab.getState().busy).toBe(false);
  });
});

describe('Predict mode', () => {
  it('counts a gated move from the step last asked for: Home then End stops at the first question', async () => {
    worker.completed.mockResolvedValue({ ok: true, value: whole });
    await useLab.getState().load(scenario, { step: 0 });
    // Questions at steps 10 and 500: a forward move stops at the first one past where it starts.
    const release = setSeekGate((from, to) => {
      for (const q of [10, 500]) if (from < q && q <= to) return q;
      return to;
    });
    try {
      await useLab.getState().seek(600);
      expect(useLab.getState().frame?.index).toBe(10);
      await useLab.getState().seek(600);
      expect(useLab.getState().frame?.index).toBe(500);
      // Home and End pressed faster than the frames arrive: the worker answers later.
      let answer: () => void = () => {};
      worker.seek.mockImplementationOnce(
        (i: number) => new Promise((r) => (answer = () => r({ ok: true, value: frameAt(i) }))),
      );
      const home = useLab.getState().seek(0);
      const end = useLab.getState().seek(899);
      answer();
      await Promise.all([home, end]);
      expect(useLab.getState().frame?.index).toBe(10);
    } finally {
      release();
    }
  });
});
