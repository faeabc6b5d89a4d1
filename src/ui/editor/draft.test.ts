import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenario/schema.ts';
import type { Scenario } from '../../scenario/types.ts';
import {
  addAction,
  addDevice,
  changeOp,
  moveAction,
  removeAction,
  renameDevice,
  setField,
  toDraft,
} from './draft.ts';
import { messageFor, splitError } from './errors.ts';

const base: Scenario = {
  format: 'hmm-lab/scenario@1',
  config: { hostFrames: 16, devices: [{ name: 'gpu0', frames: 8 }] },
  actions: [
    { op: 'mmap', start: 0, count: 4, prot: 'rw' },
    { op: 'dev_read', device: 'gpu0', start: 0, interleave: { op: 'release', device: 'gpu0' } },
  ],
};

describe('editor drafts', () => {
  it('adds actions that validate, after the previous one', () => {
    let d = toDraft(base);
    for (const op of ['cpu_write', 'migrate_to_device', 'fork', 'snapshot'] as const)
      d = addAction(d, op);
    d = removeAction(d, 1); // the interleave naming its own device is invalid
    expect(parseScenario(d)).toMatchObject({ ok: true });
    expect(d.actions[1]).toMatchObject({ op: 'cpu_write', start: 0, value: 0 });
  });

  it('reorders, deletes and edits fields', () => {
    let d = moveAction(toDraft(base), 1, -1);
    expect(d.actions.map((a) => a.op)).toEqual(['dev_read', 'mmap']);
    expect(moveAction(d, 0, -1)).toBe(d);
    d = setField(setField(d, 0, 'interleave', undefined), 1, 'count', 0);
    const r = parseScenario(d);
    expect(r.ok).toBe(false);
    const e = splitError(r.ok ? null : r.error)!;
    expect(e).toMatchObject({ action: 1, field: 'count', message: 'must be ≥ 1' });
    expect(messageFor(e, 'actions[1].count')).toBe('must be ≥ 1');
    expect(messageFor(e, 'actions[1].start')).toBeNull();
    d = setField(d, 1, 'count', undefined);
    expect(d.actions[1]).not.toHaveProperty('count');
  });

  it('changing the op keeps what fits and fills what is needed', () => {
    const d = changeOp(toDraft(base), 0, 'migrate_to_device');
    expect(d.actions[0]).toEqual({ op: 'migrate_to_device', start: 0, count: 4, device: 'gpu0' });
  });

  it('renaming a device renames the actions and interleaves that name it', () => {
    const d = renameDevice(addDevice(toDraft(base)), 0, 'big');
    expect(d.config.devices.map((x) => x.name)).toEqual(['big', 'gpu1']);
    expect(d.actions[1]).toMatchObject({ device: 'big', interleave: { device: 'big' } });
  });

  it('splits errors by place', () => {
    expect(splitError('config.devices[1].name: must match')).toMatchObject({
      device: 1,
      field: 'name',
    });
    expect(splitError('actions[3]: needs exactly one of value and values')).toMatchObject({
      action: 3,
      field: '',
    });
    expect(splitError('invalid JSON: the text is empty')).toMatchObject({ path: 'invalid JSON' });
  });
});
