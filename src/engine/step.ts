// One scenario action: dispatch to the kernel path it exercises and build its result in the
// documented key order. Errors a user can cause are statuses, never exceptions.
import type { Action, InterleaveAction } from '../scenario/types.ts';
import { aboutDevice, aboutPages, emit, setFailNextAlloc, within, say, type Ctx } from './ctx.ts';
import { dmirrorAccess } from './driver/dmirrorAccess.ts';
import { dmirrorCheckExclusive, dmirrorExclusive } from './driver/dmirrorExclusive.ts';
import {
  dmirrorMigrateToDevice,
  dmirrorMigrateToHost,
  dmirrorRelease,
} from './driver/dmirrorMigrate.ts';
import { dmirrorSnapshot } from './hmm/snapshot.ts';
import { cpuRead, cpuWrite } from './mm/access.ts';
import { forkProcess } from './mm/fork.ts';
import { pinUserPages, unpinUserPages } from './mm/gup.ts';
import { mmapRange, mprotectRange, munmapRange } from './mm/vma.ts';
import type { ActionResult, Status } from './result.ts';
import { svmAccess } from './svm/access.ts';
import { svmRelease } from './svm/evict.ts';
import { svmDeferredWork } from './svm/gc.ts';

const writeValues = (a: { value?: number; values?: number[] }, count: number): number[] =>
  a.values ?? new Array<number>(count).fill(a.value ?? 0);

/** Result fields every op carries, zeroed, so an early failure still reports them. */
function emptyFields(op: Action['op']): Partial<ActionResult> {
  switch (op) {
    case 'cpu_read':
      return { values: [] };
    case 'dev_read':
      return { cpages: 0, faults: 0, values: [] };
    case 'dev_write':
      return { cpages: 0, faults: 0 };
    case 'migrate_to_device':
      return { cpages: 0, migrated: 0 };
    case 'migrate_to_host':
    case 'release':
    case 'make_exclusive':
      return { cpages: 0 };
    case 'snapshot':
      return { snapshot: [] };
    case 'pin':
      return { pinned: 0 };
    default:
      return {};
  }
}

export function step(c: Ctx, a: Action, i: number): ActionResult {
  const head = { i, op: a.op };
  const pid = a.pid ?? 1;
  aboutAction(c, a, pid);
  if (!c.w.procs[pid]) {
    emit(c, 'find_get_task_by_vpid', say`No process has pid ${pid}: ESRCH.`);
    return { ...head, status: 'ESRCH', ...emptyFields(a.op) } as ActionResult;
  }
  const { status, fields } = run(c, a, pid);
  svmDeferredWork(c);
  // The action's closing waypoint (timeline.ts) is about the action again.
  aboutAction(c, a, pid);
  const result = { ...head, status, ...fields } as ActionResult;
  return result;
}

/** The current span is about the action's process, pages and device. */
function aboutAction(c: Ctx, a: Action | InterleaveAction, pid: number): void {
  const start = 'start' in a ? a.start : -1;
  aboutPages(c, pid, start, 'start' in a ? a.start + (a.count ?? 1) : -1);
  aboutDevice(c, 'device' in a ? devIndex(c, a.device) : -1);
}

function devIndex(c: Ctx, name: string): number {
  return c.w.devices.findIndex((d) => d.name === name);
}

function run(c: Ctx, a: Action, pid: number): { status: Status; fields: Partial<ActionResult> } {
  const start = 'start' in a ? a.start : 0;
  const count = 'start' in a ? (a.count ?? 1) : 0;
  const end = start + count;
  const dev = 'device' in a ? devIndex(c, a.device) : -1;
  switch (a.op) {
    case 'mmap':
      mmapRange(c, pid, start, end, a.prot, a.shared ?? false);
      return { status: 'ok', fields: {} };
    case 'munmap':
      munmapRange(c, pid, start, end);
      return { status: 'ok', fields: {} };
    case 'mprotect':
      return { status: mprotectRange(c, pid, start, end, a.prot), fields: {} };
    case 'cpu_read': {
      const r = cpuRead(c, pid, start, end);
      return { status: r.status, fields: { values: r.values } };
    }
    case 'cpu_write':
      return { status: cpuWrite(c, pid, start, end, writeValues(a, count)), fields: {} };
    case 'dev_read':
    case 'dev_write': {
      const interleave = a.interleave;
      let inner: { op: string; status: Status } | null = null;
      if (interleave)
        c.interleave = () => {
          inner = runInterleave(c, interleave);
        };
      const access = c.w.devices[dev].driver === 'svm' ? svmAccess : dmirrorAccess;
      const r = access(
        c,
        dev,
        pid,
        start,
        end,
        a.op === 'dev_write' ? writeValues(a, count) : null,
      );
      c.interleave = null;
      const fields: Partial<ActionResult> =
        a.op === 'dev_read'
          ? { cpages: r.cpages, faults: r.faults, values: r.values }
          : { cpages: r.cpages, faults: r.faults };
      if (interleave) fields.interleave = inner ?? { status: 'not-run' };
      return { status: r.status, fields };
    }
    case 'migrate_to_device': {
      const r = dmirrorMigrateToDevice(c, dev, pid, start, end);
      return { status: r.status, fields: { cpages: r.cpages, migrated: r.migrated } };
    }
    case 'migrate_to_host': {
      const r = dmirrorMigrateToHost(c, dev, pid, start, end);
      return { status: r.status, fields: { cpages: r.cpages } };
    }
    case 'release': {
      const r = c.w.devices[dev].driver === 'svm' ? svmRelease(c, dev) : dmirrorRelease(c, dev);
      return { status: r.status, fields: { cpages: r.cpages } };
    }
    case 'make_exclusive': {
      const r = dmirrorExclusive(c, dev, pid, start, end);
      return { status: r.status, fields: { cpages: r.cpages } };
    }
    case 'check_exclusive':
      return { status: dmirrorCheckExclusive(c, dev, pid, start, end), fields: {} };
    case 'snapshot':
      return { status: 'ok', fields: { snapshot: dmirrorSnapshot(c, dev, pid, start, end) } };
    case 'fail_next_alloc':
      setFailNextAlloc(c, dev, true);
      emit(
        c,
        'dmirror_fops_unlocked_ioctl',
        say`HMM_DMIRROR_FLAGS sets FAIL_ALLOC: the next allocation of a ${a.device} page will fail.`,
      );
      return { status: 'ok', fields: {} };
    case 'fork':
      return { status: 'ok', fields: { pid: forkProcess(c, pid) } };
    case 'pin': {
      const r = pinUserPages(c, pid, start, end, a.longterm ?? true);
      const fields: Partial<ActionResult> = { pinned: r.pinned };
      if (r.pin !== undefined) fields.pin = r.pin;
      return { status: r.status, fields };
    }
    case 'unpin':
      return { status: unpinUserPages(c, a.pin), fields: {} };
  }
}

/** Flow I: the CPU-side action run between hmm_range_fault and mmu_interval_read_retry. */
function runInterleave(c: Ctx, a: InterleaveAction): { op: string; status: Status } {
  return within(c, 'interleave', () => {
    emit(
      c,
      'interleave',
      say`Meanwhile, before the driver takes its lock, another thread runs ${a.op}: exactly the race mmu_interval_read_retry exists for.`,
    );
    const pid = a.pid ?? 1;
    aboutAction(c, a, pid);
    if (!c.w.procs[pid]) return { op: a.op, status: 'ESRCH' as Status };
    return { op: a.op, status: run(c, a, pid).status };
  });
}
