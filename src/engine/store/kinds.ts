// Change row kinds, the counters a row may bump, and a change row unpacked.
import type { CounterName } from '../state.ts';

/** Change row kinds. */
export const K = {
  Pte: 0,
  Host: 1,
  DevPage: 2,
  DevPte: 3,
  Seq: 4,
  Ctr: 5,
  Flag: 6,
  Proc: 7,
  /** A per-key number table of the world (state.ts KEYED; the row's i1 says which). */
  Keyed: 8,
} as const;
export type K = (typeof K)[keyof typeof K];

export const COUNTERS: readonly CounterName[] = [
  'cpuFaults',
  'deviceFaults',
  'migrateToRam',
  'pagesToDevice',
  'pagesToHost',
  'pageFree',
  'invalidations',
  'rangeFaultRetries',
  'pagesEvicted',
  'pagesPinned',
  'pinMigrations',
];
export const COUNTER_INDEX = Object.fromEntries(COUNTERS.map((n, i) => [n, i])) as Record<
  CounterName,
  number
>;

/** A change row unpacked (trace.ts reads rows into one of these). */
export interface Row {
  kind: K;
  i1: number;
  i2: number;
  b0: number;
  b1: number;
  a0: number;
  a1: number;
}
