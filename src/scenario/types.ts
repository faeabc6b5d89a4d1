// The public scenario format (shared/scenario-format.md, "hmm-lab/scenario@1").
// The zod schema in schema.ts validates untrusted input into these types.

export type Prot = 'none' | 'r' | 'rw';

export interface DeviceConfig {
  name: string;
  frames: number;
}

export interface ScenarioConfig {
  hostFrames: number;
  devices: DeviceConfig[];
}

interface Base {
  pid?: number;
}
interface Range extends Base {
  start: number;
  count?: number;
}
interface DevRange extends Range {
  device: string;
}
/** Exactly one of `value` and `values` (validated by the schema). */
interface Write {
  value?: number;
  values?: number[];
}

export type MmapAction = Range & { op: 'mmap'; prot: Prot; shared?: boolean };
export type MunmapAction = Range & { op: 'munmap' };
export type MprotectAction = Range & { op: 'mprotect'; prot: Prot };
export type CpuReadAction = Range & { op: 'cpu_read' };
export type CpuWriteAction = Range & Write & { op: 'cpu_write' };
export type DevReadAction = DevRange & { op: 'dev_read'; interleave?: InterleaveAction };
export type DevWriteAction = DevRange & Write & { op: 'dev_write'; interleave?: InterleaveAction };
export type MigrateToDeviceAction = DevRange & { op: 'migrate_to_device' };
export type MigrateToHostAction = DevRange & { op: 'migrate_to_host' };
export type ReleaseAction = Base & { op: 'release'; device: string };
export type MakeExclusiveAction = DevRange & { op: 'make_exclusive' };
export type CheckExclusiveAction = DevRange & { op: 'check_exclusive' };
export type SnapshotAction = DevRange & { op: 'snapshot' };
export type FailNextAllocAction = Base & { op: 'fail_next_alloc'; device: string };
export type ForkAction = Base & { op: 'fork' };

/** What may run inside a device fault round, between hmm_range_fault and read_retry. */
export type InterleaveAction =
  | MmapAction
  | MunmapAction
  | MprotectAction
  | CpuReadAction
  | CpuWriteAction
  | MigrateToDeviceAction
  | MigrateToHostAction
  | ReleaseAction
  | MakeExclusiveAction;

export type Action =
  | MmapAction
  | MunmapAction
  | MprotectAction
  | CpuReadAction
  | CpuWriteAction
  | DevReadAction
  | DevWriteAction
  | MigrateToDeviceAction
  | MigrateToHostAction
  | ReleaseAction
  | MakeExclusiveAction
  | CheckExclusiveAction
  | SnapshotAction
  | FailNextAllocAction
  | ForkAction;

export type Op = Action['op'];

export const SCENARIO_FORMAT = 'hmm-lab/scenario@1';

export interface Scenario {
  format: typeof SCENARIO_FORMAT;
  title?: string;
  description?: string;
  config: ScenarioConfig;
  actions: Action[];
}

export const DEFAULT_CONFIG: ScenarioConfig = {
  hostFrames: 64,
  devices: [{ name: 'gpu0', frames: 32 }],
};

export const LIMITS = {
  hostFrames: 4096,
  devices: 4,
  deviceFrames: 4096,
  actionsInFile: 100_000,
  actionsInLink: 1024,
  maxPage: 65535,
  linkBytes: 16 * 1024,
  valueMin: -2147483648,
  valueMax: 4294967295,
} as const;
