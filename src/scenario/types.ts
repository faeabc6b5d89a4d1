// The public scenario format (shared/scenario-format.md, "hmm-lab/scenario@1", and its
// superset "hmm-lab/scenario@2" of shared/hmm-model-v2.md Part 2).
// The zod schema in schema.ts validates untrusted input into these types.

export type Prot = 'none' | 'r' | 'rw';

/** MEMORY_DEVICE_PRIVATE or MEMORY_DEVICE_COHERENT (@2). */
export type DeviceMemory = 'private' | 'coherent';
/** The driver personality (@2): lib/test_hmm.c, or a GPU SVM driver (drm_gpusvm/drm_pagemap). */
export type DeviceDriver = 'dmirror' | 'svm';

/** A device as declared; the @2 fields are kept only when the scenario gives them. */
export interface DeviceConfig {
  name: string;
  frames: number;
  memory?: DeviceMemory;
  driver?: DeviceDriver;
  /** svm only: the largest GPU SVM range, in pages. */
  chunk?: number;
}

export const deviceMemory = (d: DeviceConfig): DeviceMemory => d.memory ?? 'private';
export const deviceDriver = (d: DeviceConfig): DeviceDriver => d.driver ?? 'dmirror';

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
/** @2: pin_user_pages(FOLL_WRITE | FOLL_LONGTERM), without FOLL_LONGTERM when longterm is false. */
export type PinAction = Range & { op: 'pin'; longterm?: boolean };
/** @2: unpin_user_pages on the pages pin handle `pin` returned. */
export type UnpinAction = Base & { op: 'unpin'; pin: number };

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
  | ForkAction
  | PinAction
  | UnpinAction;

export type Op = Action['op'];

export const SCENARIO_FORMAT = 'hmm-lab/scenario@1';
export const SCENARIO_FORMAT_V2 = 'hmm-lab/scenario@2';
export type ScenarioFormat = typeof SCENARIO_FORMAT | typeof SCENARIO_FORMAT_V2;
/** Ops that exist only in @2. */
export const V2_OPS: readonly Op[] = ['pin', 'unpin'];

export interface Scenario {
  format: ScenarioFormat;
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
