import { useState } from 'react';
import type { Prot } from '../../scenario/types.ts';
import { perObject } from '../model/perObject.ts';
import { useLab } from '../store/store.ts';

/** The page after the highest mapped one; the store runs this on every update, so it is cached. */
const pageAfterMapped = perObject((pages: Record<number, unknown>) => {
  let next = 0;
  for (const k in pages) next = Math.max(next, Number(k) + 1);
  return next;
});
const firstUnmapped = (pages: Record<number, unknown> | undefined) =>
  pages ? pageAfterMapped(pages) : 0;

/** mmap needs pages that may not exist yet, so it asks for its own range. */
export function MmapForm() {
  const busy = useLab((s) => s.busy);
  const append = useLab((s) => s.append);
  const next = useLab((s) => firstUnmapped(s.frame?.world.procs[1]?.pages));
  const [start, setStart] = useState<number | null>(null);
  const [count, setCount] = useState(4);
  const [prot, setProt] = useState<Prot>('rw');
  const s = start ?? next;
  return (
    <details className="mmap-form">
      <summary>mmap…</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void append([{ op: 'mmap', start: s, count, prot }]);
          setStart(null);
          (e.currentTarget.parentElement as HTMLDetailsElement).open = false;
        }}
      >
        <label>
          start{' '}
          <input
            type="number"
            min={0}
            max={65535}
            value={s}
            onChange={(e) => setStart(Number(e.target.value))}
          />
        </label>
        <label>
          count{' '}
          <input
            type="number"
            min={1}
            max={4096}
            value={count}
            onChange={(e) => setCount(Number(e.target.value))}
          />
        </label>
        <label>
          prot
          <select value={prot} onChange={(e) => setProt(e.target.value as Prot)}>
            <option value="none">none</option>
            <option value="r">r</option>
            <option value="rw">rw</option>
          </select>
        </label>
        <button type="submit" disabled={busy}>
          mmap
        </button>
      </form>
    </details>
  );
}
