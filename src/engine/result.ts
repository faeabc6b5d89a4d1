// Per-action results and the run report: the JSON contract of shared/scenario-format.md.
// Key order matters to byte-for-byte comparisons, so objects are built in the documented order.

import type { Waypoint } from './trace.ts';

export type Errno = 'EFAULT' | 'EPERM' | 'EINVAL' | 'ENOENT' | 'ENOMEM' | 'EBUSY' | 'ESRCH';
export type Status = 'ok' | Errno;

export type SnapshotPerm =
  | 'error'
  | 'none'
  | 'read'
  | 'write'
  | 'zero+read'
  | 'dev-private-local+read'
  | 'dev-private-local+write'
  | 'dev-coherent-local+read'
  | 'dev-coherent-local+write'
  | 'dev-coherent-remote+read'
  | 'dev-coherent-remote+write';

export interface ActionResult {
  i: number;
  op: string;
  status: Status;
  cpages?: number;
  migrated?: number;
  faults?: number;
  values?: number[];
  snapshot?: SnapshotPerm[];
  pid?: number;
  interleave?: { op: string; status: Status } | { status: 'not-run' };
  /** @2 `pin`: pages pinned, and the handle when that is > 0. */
  pinned?: number;
  pin?: number;
}

export interface PageReport {
  pid: number;
  page: number;
  cpu: 'none' | 'zero' | 'present' | 'device-private' | 'device-exclusive';
  writable: boolean;
  location: string;
  value: number;
  /** @2: the frame this entry maps has a pin. */
  pinned?: boolean;
}

export interface DevPteReport {
  pid: number;
  page: number;
  target: string;
  writable: boolean;
  atomic: boolean;
  frame: number | 'zero';
}

export interface DeviceReport {
  name: string;
  frames: number;
  free: number;
  pageTable: DevPteReport[];
  seq: number;
  allocated: { frame: number; zoneDeviceData: string; value: number }[];
  // @2 only, in this order.
  memory?: string;
  driver?: string;
  pinned?: number;
  /** svm devices only: live chunks in LRU order, head first. */
  chunks?: { pid: number; start: number; count: number }[];
}

export interface Violation {
  after: number;
  invariant: number;
  message: string;
}

type Counters = import('./state.ts').Counters;
type V2Counter = 'pagesEvicted' | 'pagesPinned' | 'pinMigrations';
export type ReportCounters = Omit<Counters, V2Counter> & Partial<Pick<Counters, V2Counter>>;

export const RESULT_FORMAT = 'hmm-lab/result@1';
export const RESULT_FORMAT_V2 = 'hmm-lab/result@2';

type TraceLine = Pick<
  Waypoint,
  'seq' | 'action' | 'fn' | 'text' | 'layer' | 'subject' | 'depth' | 'parent'
>;

export interface RunReport {
  format: typeof RESULT_FORMAT | typeof RESULT_FORMAT_V2;
  results: ActionResult[];
  pages: PageReport[];
  devices: DeviceReport[];
  /** `pinned` in @2 only. */
  hostFrames: { total: number; free: number; pinned?: number };
  /** @1 prints the first eight; @2 all of them. */
  counters: ReportCounters;
  invariants: { checked: number; violations: Violation[] };
  waypoints: number;
  traceHash: string;
  /** With --trace: each waypoint without its call path and changes. */
  trace?: TraceLine[];
}
