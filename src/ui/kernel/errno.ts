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

/** Where an op's errno means something of its own (hmm-model-v2.md M, N). */
const BY_OP: Record<string, Partial<Record<Exclude<Status, 'ok'>, string>>> = {
  pin: {
    EFAULT:
      'Bad address: a page of the pin is in no VMA, or in one without write permission (pin_user_pages asks for FOLL_WRITE). The pages before it stay pinned under the handle.',
    ENOMEM: 'Out of memory: no host frame to fault a page in for the pin.',
    EBUSY:
      'Busy: migrate_device_coherent_folio found no host frame for a coherent page, so every pin of the call was dropped.',
  },
  unpin: {
    EINVAL: 'Invalid argument: that pin handle was never returned, or is already released.',
  },
};

export function errnoMeaning(status: Status, op?: string): string | undefined {
  if (status === 'ok') return undefined;
  return (op !== undefined ? BY_OP[op]?.[status] : undefined) ?? MEANING[status];
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
