// One strict zod schema per op (shared/scenario-format.md, the op table). Keys are listed in
// the order a parsed action keeps: op, pid, device, range, prot, data, interleave.
import { z } from 'zod';
import { LIMITS, type Op } from './types.ts';

export const DEVICE_NAME = /^[a-z][a-z0-9_-]{0,15}$/;
export const MAX_COUNT = LIMITS.maxPage + 1;

function int(min: number, max: number) {
  return z
    .number()
    .min(min)
    .max(max)
    .refine(Number.isInteger, { error: 'must be an integer', abort: true });
}

const pid = int(1, 2147483647).optional(); // pid_t is a signed 32-bit int
const device = z.string().max(64);
const start = int(0, LIMITS.maxPage);
const count = int(1, MAX_COUNT).optional();
const prot = z.enum(['none', 'r', 'rw']);
const value = int(LIMITS.valueMin, LIMITS.valueMax);
const values = z.array(value).min(1).max(MAX_COUNT);

const range = { pid, start, count };
const devRange = { pid, device, start, count };
const write = { value: value.optional(), values: values.optional() };

/** Ops allowed as an interleave, and their schemas (no `interleave` field: no nesting). */
export const INTERLEAVE_SCHEMAS = {
  mmap: z.strictObject({
    op: z.literal('mmap'),
    ...range,
    prot,
    shared: z.boolean().optional(),
  }),
  munmap: z.strictObject({ op: z.literal('munmap'), ...range }),
  mprotect: z.strictObject({ op: z.literal('mprotect'), ...range, prot }),
  cpu_read: z.strictObject({ op: z.literal('cpu_read'), ...range }),
  cpu_write: z.strictObject({ op: z.literal('cpu_write'), ...range, ...write }),
  migrate_to_device: z.strictObject({ op: z.literal('migrate_to_device'), ...devRange }),
  migrate_to_host: z.strictObject({ op: z.literal('migrate_to_host'), ...devRange }),
  release: z.strictObject({ op: z.literal('release'), pid, device }),
  make_exclusive: z.strictObject({ op: z.literal('make_exclusive'), ...devRange }),
};

// The interleave itself is validated separately (interleave.ts) so its messages stay precise.
const interleave = z.unknown().optional();

export const ACTION_SCHEMAS: Record<Op, z.ZodType> = {
  ...INTERLEAVE_SCHEMAS,
  dev_read: z.strictObject({ op: z.literal('dev_read'), ...devRange, interleave }),
  dev_write: z.strictObject({ op: z.literal('dev_write'), ...devRange, ...write, interleave }),
  check_exclusive: z.strictObject({ op: z.literal('check_exclusive'), ...devRange }),
  snapshot: z.strictObject({ op: z.literal('snapshot'), ...devRange }),
  fail_next_alloc: z.strictObject({ op: z.literal('fail_next_alloc'), pid, device }),
  fork: z.strictObject({ op: z.literal('fork'), pid }),
  // @2 only (actions.ts refuses them in a @1 scenario as unknown ops).
  pin: z.strictObject({
    op: z.literal('pin'),
    ...range,
    longterm: z.boolean().optional(),
  }),
  unpin: z.strictObject({
    op: z.literal('unpin'),
    pid,
    pin: z.custom<number>(
      (v) => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 2147483647,
      { error: 'must be an integer ≥ 1' },
    ),
  }),
};

export const INTERLEAVE_OPS = Object.keys(INTERLEAVE_SCHEMAS) as Op[];
