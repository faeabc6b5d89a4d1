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
  setDeviceChunk,
  setDeviceDriver,
  setDeviceMemory,
  setField,
  toDraft,
  withDraftFormat,
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

describe('@2 in the editor', () => {
  const v1 = { ...base, actions: [base.actions[0]] };
  it('a coherent device makes a @1 draft @2; private again makes it @1 again', () => {
    const d = toDraft(v1);
    const coherent = withDraftFormat(v1.format, setDeviceMemory(d, 0, 'coherent'));
    expect(coherent.format).toBe('hmm-lab/scenario@2');
    expect(coherent.config.devices[0]).toEqual({ name: 'gpu0', frames: 8, memory: 'coherent' });
    const r = parseScenario(coherent);
    expect(r.ok && r.scenario.config.devices[0].memory).toBe('coherent');
    const back = withDraftFormat(v1.format, setDeviceMemory(coherent, 0, 'private'));
    expect(back).toEqual(d);
  });

  it('an svm driver makes a @1 draft @2 and takes a chunk; dmirror again drops both', () => {
    const d = toDraft({
      ...v1,
      actions: [v1.actions[0], { op: 'dev_read', device: 'gpu0', start: 0, count: 1 }],
    });
    let svm = withDraftFormat(v1.format, setDeviceDriver(d, 0, 'svm'));
    expect(svm.format).toBe('hmm-lab/scenario@2');
    svm = withDraftFormat(v1.format, setDeviceChunk(svm, 0, 8));
    expect(svm.config.devices[0]).toEqual({ name: 'gpu0', frames: 8, driver: 'svm', chunk: 8 });
    const r = parseScenario(svm);
    expect(r.ok && r.scenario.config.devices[0]).toMatchObject({ driver: 'svm', chunk: 8 });
    // A chunk that is not a power of two is named by its path.
    const bad = parseScenario(setDeviceChunk(svm, 0, 3));
    expect(!bad.ok && bad.error).toContain('config.devices[0].chunk');
    // Cleared: the default, left out.
    expect(setDeviceChunk(svm, 0, undefined).config.devices[0]).not.toHaveProperty('chunk');
    const back = withDraftFormat(v1.format, setDeviceDriver(svm, 0, 'dmirror'));
    expect(back).toEqual(d);
  });

  it('pin and unpin validate once the draft is @2, unpin naming handle 1', () => {
    let d = withDraftFormat(v1.format, addAction(toDraft(v1), 'pin'));
    d = withDraftFormat(v1.format, addAction(d, 'unpin'));
    expect(d.actions.slice(1)).toEqual([
      { op: 'pin', start: 0, count: 4 },
      { op: 'unpin', pin: 1 },
    ]);
    expect(parseScenario(d).ok).toBe(true);
    d = withDraftFormat(v1.format, setField(d, 1, 'longterm', false));
    expect(parseScenario(d).ok).toBe(true);
    // Without them it is @1 again; a @2 draft never goes down.
    expect(withDraftFormat(v1.format, removeAction(removeAction(d, 2), 1)).format).toBe(
      'hmm-lab/scenario@1',
    );
    const two = { ...toDraft(v1), format: 'hmm-lab/scenario@2' };
    expect(withDraftFormat('hmm-lab/scenario@2', two).format).toBe('hmm-lab/scenario@2');
  });
});
