// Worker supervision: every call to the worker gets a deadline. A call past its deadline, or
// an error event from the worker, terminates it and starts a fresh one; pending calls reject
// with WorkerRestarted and listeners rebuild what the old worker held.
import * as Comlink from 'comlink';

export type RestartReason = 'timeout' | 'error';

export interface RestartInfo {
  reason: RestartReason;
  detail: string;
  /** Restarts within the last minute, this one included: a loop must stop rebuilding. */
  recent: number;
}

export class WorkerRestarted extends Error {
  constructor(detail: string) {
    super(`WorkerRestarted: ${detail}`);
    this.name = 'WorkerRestarted';
  }
}

export interface SuperviseOptions {
  timeoutMs: number;
  /** Extra time a call may take (loading a large scenario legitimately takes longer). */
  extraMs?: (method: string, args: unknown[]) => number;
}

export interface Supervisor {
  /** Proxy: api.method(...args) → Promise of the worker's answer. */
  api: Record<string, (...args: unknown[]) => Promise<unknown>>;
  onRestart(cb: (info: RestartInfo) => void): () => void;
}

interface Endpoint {
  worker: Worker;
  remote: Record<string, (...args: unknown[]) => Promise<unknown>>;
}

export function supervise(spawn: () => Worker, opts: SuperviseOptions): Supervisor {
  const listeners = new Set<(info: RestartInfo) => void>();
  const pending = new Set<(e: Error) => void>();
  const restarts: number[] = [];
  let current: Endpoint;

  function start() {
    const worker = spawn();
    const remote = Comlink.wrap(worker) as unknown as Endpoint['remote'];
    const me: Endpoint = { worker, remote };
    const onError = (e: Event) => {
      e.preventDefault();
      if (current === me) restart('error', (e as ErrorEvent).message || 'the worker failed');
    };
    worker.addEventListener('error', onError);
    worker.addEventListener('messageerror', onError);
    current = me;
  }

  function restart(reason: RestartReason, detail: string) {
    current.worker.terminate();
    start();
    const now = Date.now();
    restarts.push(now);
    while (restarts[0] < now - 60_000) restarts.shift();
    const err = new WorkerRestarted(detail);
    for (const reject of pending) reject(err);
    pending.clear();
    const info = { reason, detail, recent: restarts.length };
    // After the rejections have been handled, so a rebuild is the last word.
    setTimeout(() => listeners.forEach((l) => l(info)), 0);
  }

  function call(method: string, args: unknown[]): Promise<unknown> {
    const mine = current;
    return new Promise((resolve, reject) => {
      const ms = opts.timeoutMs + (opts.extraMs?.(method, args) ?? 0);
      const fail = (e: Error) => {
        clearTimeout(timer);
        reject(e);
      };
      const timer = setTimeout(() => {
        if (current === mine) restart('timeout', `${method} took longer than ${ms / 1000} s`);
      }, ms);
      pending.add(fail);
      mine.remote[method](...args).then(
        (v) => {
          clearTimeout(timer);
          pending.delete(fail);
          resolve(v);
        },
        (e: unknown) => {
          pending.delete(fail);
          fail(e instanceof Error ? e : new Error(String(e)));
        },
      );
    });
  }

  start();
  const api = new Proxy({} as Supervisor['api'], {
    // 'then' must stay undefined or awaiting the proxy itself would call the worker.
    get: (_, key) =>
      typeof key === 'string' && key !== 'then'
        ? (...args: unknown[]) => call(key, args)
        : undefined,
  });
  return {
    api,
    onRestart(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
  };
}
