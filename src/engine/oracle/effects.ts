// How an action changes the oracle, given the status the run reported. Only the facts a process
// can see: mappings, protections and values. Used for top-level actions and interleaves alike.
import type { Action } from '../../scenario/types.ts';
import type { Status } from '../result.ts';
import type { Oracle } from './model.ts';

export const span = (a: { start: number; count?: number }): [number, number] => [
  a.start,
  a.start + (a.count ?? 1),
];

/** The value a write puts in its k-th page. */
export const writeValue = (a: { value?: number; values?: number[] }, k: number): number =>
  a.values ? a.values[k] : (a.value as number);

/**
 * Applies the effect of `a` to `o`. `cpages` is the device write's count of pages written.
 * Returns the status the oracle itself predicts where that is certain, else undefined.
 */
export function applyEffect(
  o: Oracle,
  a: Action,
  status: Status | 'not-run',
  cpages = 0,
): Status | undefined {
  if (status === 'ESRCH' || status === 'not-run') return undefined;
  switch (a.op) {
    case 'mmap': {
      const [s, e] = span(a);
      for (let p = s; p < e; p++) o.map(p, a.prot, !!a.shared);
      return 'ok';
    }
    case 'munmap': {
      const [s, e] = span(a);
      for (let p = s; p < e; p++) o.unmap(p);
      return 'ok';
    }
    case 'mprotect': {
      const [s, e] = span(a);
      for (let p = s; p < e; p++) {
        const page = o.pages.get(p);
        if (!page) return 'ENOMEM';
        page.prot = a.prot;
      }
      return 'ok';
    }
    case 'cpu_write': {
      const [s, e] = span(a);
      const f = o.firstNot(s, e, (p) => o.writable(p)) ?? e;
      for (let p = s; p < f; p++) {
        // ENOMEM stopped somewhere before f; which pages got written is not reported.
        if (status === 'ENOMEM') o.maybe(p, writeValue(a, p - s));
        else o.set(p, writeValue(a, p - s));
      }
      return f === e ? undefined : 'EFAULT';
    }
    case 'dev_write': {
      const [s] = span(a);
      for (let p = s; p < s + cpages; p++) o.set(p, writeValue(a, p - s));
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Pages whose value an interleaved action may change. */
export function touches(a: Action, page: number): boolean {
  if (a.op !== 'mmap' && a.op !== 'munmap' && a.op !== 'cpu_write') return false;
  const [s, e] = span(a);
  return page >= s && page < e;
}
