// What if…: one change to a scenario's actions, made at an action index. A branch is always
// the base scenario plus one edit, so a link carries the base and a short `&whatif=` param (whatifLink.ts),
// and both runs can be stepped side by side action by action (alignWhatIf).
import type { Action, InterleaveAction, Scenario } from './types.ts';

export type WhatIfKind = 'replace' | 'insert' | 'delete' | 'interleave' | 'fail';

export type WhatIfEdit =
  | { kind: 'replace' | 'insert'; at: number; action: Action }
  | { kind: 'delete' | 'interleave'; at: number }
  | { kind: 'fail'; at: number; device: string };

/** The interleave a toggle adds: a CPU write to the range's first page, after the fault. */
function defaultInterleave(a: Action): InterleaveAction {
  const start = 'start' in a ? a.start : 0;
  const w: InterleaveAction = { op: 'cpu_write', start, value: 99 };
  if (a.pid !== undefined) w.pid = a.pid;
  return w;
}

export function canInterleave(a: Action | undefined): boolean {
  return a?.op === 'dev_read' || a?.op === 'dev_write';
}

/** The branch's actions. Throws on an edit that does not fit (checked again by the schema). */
export function applyWhatIf(base: Scenario, e: WhatIfEdit): Scenario {
  const acts = base.actions.slice();
  const n = acts.length;
  const inRange = e.kind === 'insert' || e.kind === 'fail' ? e.at <= n : e.at < n;
  if (!Number.isInteger(e.at) || e.at < 0 || !inRange)
    throw new Error(`the change names action ${e.at + 1}, but the scenario has ${n}`);
  if (e.kind === 'replace') acts[e.at] = e.action;
  else if (e.kind === 'insert') acts.splice(e.at, 0, e.action);
  else if (e.kind === 'delete') acts.splice(e.at, 1);
  else if (e.kind === 'fail') acts.splice(e.at, 0, { op: 'fail_next_alloc', device: e.device });
  else {
    const a = acts[e.at];
    if (a.op !== 'dev_read' && a.op !== 'dev_write')
      throw new Error(`action ${e.at + 1} (${a.op}) takes no interleave`);
    const copy = { ...a };
    if (copy.interleave) delete copy.interleave;
    else copy.interleave = defaultInterleave(a);
    acts[e.at] = copy;
  }
  return { ...base, actions: acts };
}

/** A short label for the branch, e.g. "What if action 4 were deleted". */
export function describeWhatIf(e: WhatIfEdit, base: Scenario): string {
  const no = e.at + 1;
  const old = base.actions[e.at]?.op;
  switch (e.kind) {
    case 'replace':
      return `action ${no} is ${e.action.op} instead of ${old}`;
    case 'insert':
      return `${e.action.op} runs before action ${no}`;
    case 'delete':
      return `action ${no} (${old}) is left out`;
    case 'interleave':
      return base.actions[e.at] && 'interleave' in base.actions[e.at]
        ? `action ${no} (${old}) runs without its interleave`
        : `a CPU write interleaves with action ${no} (${old})`;
    case 'fail':
      return `fail_next_alloc on ${e.device} before action ${no}`;
  }
}

/** Steps of a side-by-side run: which action each side has just finished (null: it waits). */
export type AlignedStep = [left: number | null, right: number | null];

/** Action by action, with the edit's extra or missing action stepped on one side only. */
export function alignWhatIf(nLeft: number, nRight: number, e: WhatIfEdit | null): AlignedStep[] {
  const out: AlignedStep[] = [];
  const extraRight = e && (e.kind === 'insert' || e.kind === 'fail') ? e.at : -1;
  const extraLeft = e && e.kind === 'delete' ? e.at : -1;
  let l = 0;
  let r = 0;
  while (l < nLeft || r < nRight) {
    if (r === extraRight && r < nRight) out.push([null, r++]);
    else if (l === extraLeft && l < nLeft) out.push([l++, null]);
    else out.push([l < nLeft ? l++ : null, r < nRight ? r++ : null]);
  }
  return out;
}
