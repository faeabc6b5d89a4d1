// Shared bench helpers: metric records, percentiles, timing, gc.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface Metric {
  /** null when the metric could not be measured (see `note`). */
  value: number | null;
  unit: string;
  /** Target the project set for the metric, e.g. '>= 2000000' or '<= 16.7'. */
  target?: string;
  ok?: boolean;
  note?: string;
}
export type Metrics = Record<string, Metric>;

export interface BenchOptions {
  smoke: boolean;
}

export function metric(
  value: number,
  unit: string,
  target?: { max?: number; min?: number },
  note?: string,
): Metric {
  const m: Metric = { value: round(value), unit };
  if (target?.max !== undefined) {
    m.target = `<= ${target.max}`;
    m.ok = value <= target.max;
  }
  if (target?.min !== undefined) {
    m.target = `>= ${target.min}`;
    m.ok = value >= target.min;
  }
  if (note) m.note = note;
  return m;
}

export function notMeasured(unit: string, reason: string, target?: string): Metric {
  return { value: null, unit, ...(target ? { target } : {}), note: `not measured: ${reason}` };
}

export function round(x: number): number {
  if (!Number.isFinite(x)) return x;
  const digits = Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 1 ? 2 : 4;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export const now = (): number => performance.now();

/** Time fn once; returns [result, milliseconds]. */
export function timed<T>(fn: () => T): [T, number] {
  const t0 = now();
  const r = fn();
  return [r, now() - t0];
}

let gcFn: (() => void) | null = null;
/** A full garbage collection, available without restarting node with --expose-gc. */
export function gc(): void {
  if (!gcFn) {
    const g = (globalThis as { gc?: () => void }).gc;
    if (g) gcFn = g;
    else {
      setFlagsFromString('--expose-gc');
      gcFn = runInNewContext('gc') as () => void;
    }
  }
  gcFn();
  gcFn();
}

/** Errors from a missing module (code not written yet) become a readable reason. */
export function reason(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.split('\n')[0].slice(0, 200);
}
