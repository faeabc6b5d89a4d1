// All lessons, in course order: topic by topic, in TOPICS order.
import { coherentFork } from './coherentFork.ts';
import { coherentNoFault } from './coherentNoFault.ts';
import { coherentPeer } from './coherentPeer.ts';
import { cpuTouch } from './cpuTouch.ts';
import { deviceFull } from './deviceFull.ts';
import { driverRelease } from './driverRelease.ts';
import { exclusiveAtomics } from './exclusiveAtomics.ts';
import { firstMigration } from './firstMigration.ts';
import { forkCow } from './forkCow.ts';
import { forkShared } from './forkShared.ts';
import { invalidationRetry } from './invalidationRetry.ts';
import { longtermPin } from './longtermPin.ts';
import { mirrorFault } from './mirrorFault.ts';
import { mprotectEperm } from './mprotectEperm.ts';
import { munmapFrees } from './munmapFrees.ts';
import { pingPong } from './pingPong.ts';
import { pinNoMigrate } from './pinNoMigrate.ts';
import { registerDeviceMemory } from './registerDeviceMemory.ts';
import { sharedAnon } from './sharedAnon.ts';
import { snapshotView } from './snapshotView.ts';
import { svmCpuTouch } from './svmCpuTouch.ts';
import { svmFaultRange } from './svmFaultRange.ts';
import { svmPinFallback } from './svmPinFallback.ts';
import { svmThrash } from './svmThrash.ts';
import { svmVramFull } from './svmVramFull.ts';
import { twoGpus } from './twoGpus.ts';
import type { Preset } from './types.ts';

export type { Preset } from './types.ts';
export { TOPICS } from './types.ts';

export const PRESETS: readonly Preset[] = [
  registerDeviceMemory,
  firstMigration,
  deviceFull,
  sharedAnon,
  cpuTouch,
  driverRelease,
  pingPong,
  mirrorFault,
  snapshotView,
  invalidationRetry,
  munmapFrees,
  mprotectEperm,
  exclusiveAtomics,
  forkCow,
  forkShared,
  twoGpus,
  coherentNoFault,
  coherentPeer,
  coherentFork,
  pinNoMigrate,
  longtermPin,
  svmFaultRange,
  svmCpuTouch,
  svmVramFull,
  svmThrash,
  svmPinFallback,
];

export const DEFAULT_PRESET_ID = 'cpu-touch';

export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}
