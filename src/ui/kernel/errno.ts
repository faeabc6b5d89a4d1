// What a kernel error means in the lab: shown as the kernel's answer, never as an app failure.
import type { Status } from '../../engine/result.ts';

const MEANING: Record<Exclude<Status, 'ok'>, string> = {
  EFAULT:
    'Bad address: no VMA covers the page, or its protection forbids the access. A CPU access would get SIGSEGV; a device access fails.',
  EPERM:
    'Operation not permitted: a write to a read-only mapping, or a page is still mapped atomically for a device.',
  EINVAL: 'Invalid argument: the migration range is not entirely inside VMAs that allow reading.',
  ENOENT:
    "No such entry: after the migration the driver could not read a page through its own page table (it did not move: shared memory, another device's page, or device memory full).",
  ENOMEM: 'Out of memory: no free frame, or mprotect over a hole in the address space.',
  EBUSY:
    'Busy: the range changed under the driver and it has to retry, or make_device_exclusive could not make every page of the range exclusive (shared memory is not anonymous).',
  ESRCH: 'No such process: the action names a pid that does not exist.',
};

export function errnoMeaning(status: Status): string | undefined {
  return status === 'ok' ? undefined : MEANING[status];
}

const NUMBERS: Record<Exclude<Status, 'ok'>, number> = {
  EPERM: 1,
  ENOENT: 2,
  ESRCH: 3,
  ENOMEM: 12,
  EFAULT: 14,
  EBUSY: 16,
  EINVAL: 22,
};

export function errnoNumber(status: Exclude<Status, 'ok'>): number {
  return NUMBERS[status];
}
