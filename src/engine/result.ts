// Per-action results and the run report: the JSON contract of shared/scenario-format.md.
// Key order matters to byte-for-byte comparisons, so objects are built in the documented order.

export type Errno = 'EFAULT' | 'EPERM' | 'EINVAL' | 'ENOENT' | 'ENOMEM' | 'EBUSY' | 'ESRCH';
export type Status = 'ok' | Errno;

export type SnapshotPerm =
  | 'error'
  | 'none'
  | 'read'
  | 'write'
  | 'zero+read'
  | 'dev-private-local+read'
  | 'dev-private-local+write';

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
}

export interface PageReport {
  pid: number;
  page: number;
  cpu: 'none' | 'zero' | 'present' | 'device-private' | 'device-exclusive';
  writable: boolean;
  location: string;
  value: number;
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
}

export interface Violation {
  after: number;
  invariant: number;
  message: string;
}

export interface RunReport {
  format: 'hmm-lab/result@1';
  results: ActionResult[];
  pages: PageReport[];
  devices: DeviceReport[];
  hostFrames: { total: number; free: number };
  counters: import('./state.ts').Counters;
  invariants: { checked: number; violations: Violation[] };
  waypoints: number;
  traceHash: string;
  trace?: { seq: number; action: number; fn: string; text: string }[];
}
