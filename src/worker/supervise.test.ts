// The supervisor against a fake worker on a MessageChannel (Node has no Worker).
import * as Comlink from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { supervise, WorkerRestarted, type RestartInfo } from './supervise.ts';

type Api = { ping(): string; hang(): Promise<never>; slow(): Promise<string> };

const ports: MessagePort[] = [];

/** A stand-in Worker: the API on the other end of a channel; `fail()` fires an error event. */
function fakeWorker() {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  const api: Api = {
    ping: () => 'pong',
    hang: () => new Promise(() => {}),
    slow: () => new Promise((r) => setTimeout(() => r('done'), 60)),
  };
  Comlink.expose(api, port2);
  const target = new EventTarget();
  const w = Object.assign(port1, {
    terminated: false,
    terminate() {
      w.terminated = true;
      port1.close();
    },
    fail() {
      const e = new Event('error', { cancelable: true });
      target.dispatchEvent(e);
    },
  });
  const add = port1.addEventListener.bind(port1);
  w.addEventListener = ((type: string, fn: EventListener) =>
    type === 'error'
      ? target.addEventListener(type, fn)
      : add(type, fn)) as typeof w.addEventListener;
  return w;
}

afterEach(() => ports.splice(0).forEach((p) => p.close()));

describe('worker supervision', () => {
  it('answers through the current worker', async () => {
    const s = supervise(() => fakeWorker() as unknown as Worker, { timeoutMs: 1000 });
    expect(await s.api.ping()).toBe('pong');
  });

  it('replaces a worker that does not answer in time, and says so', async () => {
    const spawned: ReturnType<typeof fakeWorker>[] = [];
    const s = supervise(
      () => {
        const w = fakeWorker();
        spawned.push(w);
        return w as unknown as Worker;
      },
      { timeoutMs: 50 },
    );
    const restarted = new Promise<RestartInfo>((r) => s.onRestart(r));
    await expect(s.api.hang()).rejects.toBeInstanceOf(WorkerRestarted);
    expect((await restarted).reason).toBe('timeout');
    expect(spawned).toHaveLength(2);
    expect(spawned[0].terminated).toBe(true);
    expect(await s.api.ping()).toBe('pong');
  });

  it('replaces a worker that fails, rejecting what was pending', async () => {
    const spawned: ReturnType<typeof fakeWorker>[] = [];
    const s = supervise(
      () => {
        const w = fakeWorker();
        spawned.push(w);
        return w as unknown as Worker;
      },
      { timeoutMs: 10_000 },
    );
    const pending = s.api.hang();
    const restarted = new Promise<RestartInfo>((r) => s.onRestart(r));
    spawned[0].fail();
    await expect(pending).rejects.toThrow(/WorkerRestarted/);
    expect(await restarted).toMatchObject({ reason: 'error', recent: 1 });
    expect(await s.api.ping()).toBe('pong');
  });

  it('gives long loads more time', async () => {
    const s = supervise(() => fakeWorker() as unknown as Worker, {
      timeoutMs: 20,
      extraMs: (m) => (m === 'slow' ? 1000 : 0),
    });
    expect(await s.api.slow()).toBe('done');
  });
});
