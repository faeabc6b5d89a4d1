// Runs two scenarios in a compare worker of their own and steps them together.
import * as Comlink from 'comlink';
import { useEffect, useRef, useState } from 'react';
import type { AlignedStep } from '../../scenario/whatif.ts';
import type {
  CompareApi,
  CompareList,
  CompareOpened,
  ComparePoint,
} from '../../worker/compareProtocol.ts';

type Remote = Comlink.Remote<CompareApi>;

export interface CompareRunState {
  opened: CompareOpened | null;
  point: ComparePoint | null;
  error: string | null;
  /** Ask for compare step k (-1 … steps - 1); answers out of order are dropped. */
  go(k: number): void;
}

export function useCompareRun(
  left: unknown,
  right: unknown,
  steps: AlignedStep[] | null,
  startAt: number,
  /** What the view lists of a big run (the worker sends no more than that). */
  list: CompareList,
): CompareRunState {
  const api = useRef<{ worker: Worker; remote: Remote } | null>(null);
  const ticket = useRef(0);
  const [opened, setOpened] = useState<CompareOpened | null>(null);
  const [point, setPoint] = useState<ComparePoint | null>(null);
  const [error, setError] = useState<string | null>(null);
  const listRef = useRef(list);
  useEffect(() => {
    listRef.current = list;
  });

  useEffect(() => {
    const worker = new Worker(new URL('../../worker/compare.worker.ts', import.meta.url), {
      type: 'module',
    });
    api.current = { worker, remote: Comlink.wrap<CompareApi>(worker) };
    return () => {
      api.current = null;
      worker.terminate();
    };
  }, []);

  const go = (k: number) => {
    const remote = api.current?.remote;
    if (!remote) return;
    const t = ++ticket.current;
    void remote.at(k, listRef.current).then(
      (r) => {
        if (t !== ticket.current) return;
        if (r.ok) setPoint(r.value);
        else setError(r.error);
      },
      (e: unknown) => setError(String(e)),
    );
  };

  useEffect(() => {
    const remote = api.current?.remote;
    if (!remote) return;
    let live = true;
    setOpened(null);
    setPoint(null);
    setError(null);
    void remote.open(left, right, steps).then(
      async (r) => {
        if (!live) return;
        if (!r.ok) return setError(r.error);
        setOpened(r.value);
        const p = await remote.at(startAt, listRef.current);
        if (live && p.ok) setPoint(p.value);
        else if (live && !p.ok) setError(p.error);
      },
      (e: unknown) => live && setError(String(e)),
    );
    return () => {
      live = false;
    };
    // startAt only matters when the runs (re)open.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [left, right, steps]);

  return { opened, point, error, go };
}
