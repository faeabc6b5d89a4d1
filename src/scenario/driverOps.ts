// Which ops a device's driver takes (hmm-model-v2.md Part 2, "Ops by driver"), and why an svm
// device has no dmirror command: the schema refuses them, the lab does not offer them, and
// Compare drivers says what became of them.
import type { DeviceDriver } from './types.ts';

/** dmirror ioctls an svm device does not have. */
export const DMIRROR_ONLY: ReadonlySet<string> = new Set([
  'migrate_to_device',
  'migrate_to_host',
  'make_exclusive',
  'check_exclusive',
]);

/** Why an svm device has no such command, in a sentence (the kernel's way instead). */
const NOT_ON_SVM: Record<string, string> = {
  migrate_to_device:
    'an svm device has no migrate command: it moves a whole range to VRAM itself when the GPU faults on it (xe_svm_handle_pagefault)',
  migrate_to_host:
    'an svm device has no migrate-back command: a chunk comes home whole when the CPU touches it (drm_pagemap_migrate_to_ram), when VRAM runs out, or on release',
  make_exclusive:
    'make_device_exclusive is how dmirror and nouveau do atomics on host pages; the svm driver keeps atomics in VRAM and has no such command',
  check_exclusive:
    'check_exclusive asks dmirror about its exclusive entries; an svm device makes none',
};

/** Whether a device with this driver takes the op. */
export const driverTakes = (driver: DeviceDriver, op: string): boolean =>
  driver !== 'svm' || !DMIRROR_ONLY.has(op);

/** Why `op` does not apply to an svm device, or null when it does. */
export const whyNotOnSvm = (op: string): string | null =>
  DMIRROR_ONLY.has(op) ? (NOT_ON_SVM[op] ?? null) : null;
