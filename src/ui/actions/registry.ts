// Every user intent is one action object; the toolbar and the context menu share them.
import type { Action, Prot } from '../../scenario/types.ts';
import { PIN_ACTIONS } from './pinActions.ts';

export interface Run {
  pid: number;
  start: number;
  count: number;
}

export interface ActionContext {
  runs: Run[];
  device: string | null;
  value: number;
  prot: Prot;
  /** Live pin handles taken on a selected page (pinHandles.ts). */
  pinsOnSelection?: number[];
}

export interface LabAction {
  id: string;
  label: string;
  group: 'cpu' | 'gpu' | 'vma' | 'pin';
  hint: string;
  needsDevice?: boolean;
  /** Needs selected pages (every action but release). */
  needsPages?: boolean;
  /** Needs a live pin handle on the selection (unpin). */
  needsPins?: boolean;
  build(ctx: ActionContext): Action[];
}

const perRun = (ctx: ActionContext, f: (r: Run) => Action): Action[] => ctx.runs.map(f);
const pid = (r: Run) => (r.pid === 1 ? {} : { pid: r.pid });
const dev = (ctx: ActionContext) => ctx.device ?? 'gpu0';

export const LAB_ACTIONS: LabAction[] = [
  {
    id: 'cpu_read',
    label: 'read',
    group: 'cpu',
    needsPages: true,
    hint: 'CPU loads from the selected pages',
    build: (c) => perRun(c, (r) => ({ op: 'cpu_read', start: r.start, count: r.count, ...pid(r) })),
  },
  {
    id: 'cpu_write',
    label: 'write',
    group: 'cpu',
    needsPages: true,
    hint: 'CPU stores the value into the selected pages',
    build: (c) =>
      perRun(c, (r) => ({
        op: 'cpu_write',
        start: r.start,
        count: r.count,
        value: c.value,
        ...pid(r),
      })),
  },
  {
    id: 'dev_read',
    label: 'read',
    group: 'gpu',
    needsPages: true,
    needsDevice: true,
    hint: 'The device reads through its mirror (hmm_range_fault on a miss)',
    build: (c) =>
      perRun(c, (r) => ({
        op: 'dev_read',
        device: dev(c),
        start: r.start,
        count: r.count,
        ...pid(r),
      })),
  },
  {
    id: 'dev_write',
    label: 'write',
    group: 'gpu',
    needsPages: true,
    needsDevice: true,
    hint: 'The device writes the value through its mirror',
    build: (c) =>
      perRun(c, (r) => ({
        op: 'dev_write',
        device: dev(c),
        start: r.start,
        count: r.count,
        value: c.value,
        ...pid(r),
      })),
  },
  {
    id: 'migrate_to_device',
    label: 'migrate →',
    group: 'gpu',
    needsPages: true,
    needsDevice: true,
    hint: 'migrate_vma_* the pages into device-private memory',
    build: (c) =>
      perRun(c, (r) => ({
        op: 'migrate_to_device',
        device: dev(c),
        start: r.start,
        count: r.count,
        ...pid(r),
      })),
  },
  {
    id: 'migrate_to_host',
    label: '← migrate back',
    group: 'gpu',
    needsPages: true,
    needsDevice: true,
    hint: 'The driver migrates its pages back to host RAM',
    build: (c) =>
      perRun(c, (r) => ({
        op: 'migrate_to_host',
        device: dev(c),
        start: r.start,
        count: r.count,
        ...pid(r),
      })),
  },
  {
    id: 'make_exclusive',
    label: 'exclusive',
    group: 'gpu',
    needsPages: true,
    needsDevice: true,
    hint: 'make_device_exclusive: lend the host pages to the device for atomics',
    build: (c) =>
      perRun(c, (r) => ({
        op: 'make_exclusive',
        device: dev(c),
        start: r.start,
        count: r.count,
        ...pid(r),
      })),
  },
  {
    id: 'release',
    label: 'release',
    group: 'gpu',
    needsDevice: true,
    hint: 'Evict every page of the device back to host RAM',
    build: (c) => [{ op: 'release', device: dev(c) }],
  },
  {
    id: 'mprotect',
    label: 'mprotect',
    group: 'vma',
    needsPages: true,
    hint: 'Change the protection of the selected pages',
    build: (c) =>
      perRun(c, (r) => ({
        op: 'mprotect',
        start: r.start,
        count: r.count,
        prot: c.prot,
        ...pid(r),
      })),
  },
  {
    id: 'munmap',
    label: 'munmap',
    group: 'vma',
    needsPages: true,
    hint: 'Unmap the selected pages',
    build: (c) => perRun(c, (r) => ({ op: 'munmap', start: r.start, count: r.count, ...pid(r) })),
  },
  ...PIN_ACTIONS,
];

/** Contiguous runs of selected pages, per pid, in address order. */
export function runsOf(keys: readonly number[]): Run[] {
  const runs: Run[] = [];
  for (const k of [...keys].sort((a, b) => a - b)) {
    const p = Math.floor(k / 65536);
    const page = k % 65536;
    const last = runs[runs.length - 1];
    if (last && last.pid === p && last.start + last.count === page) last.count++;
    else runs.push({ pid: p, start: page, count: 1 });
  }
  return runs;
}
