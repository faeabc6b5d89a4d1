// The @2 scenario format (hmm-model-v2.md Part 2): new device fields and ops, their messages,
// and @1 refusing them exactly as before.
import { describe, expect, it } from 'vitest';
import { parseScenario } from './schema.ts';

const V1 = 'hmm-lab/scenario@1';
const V2 = 'hmm-lab/scenario@2';
const devices = [
  { name: 'gpu0', frames: 8, memory: 'coherent' },
  { name: 'xe0', frames: 8, driver: 'svm', chunk: 4 },
];
const mmap = { op: 'mmap', start: 0, count: 8, prot: 'rw' };
const v2 = (actions: unknown[], devs: unknown = devices) => ({
  format: V2,
  config: { hostFrames: 16, devices: devs },
  actions,
});
const error = (s: unknown) => {
  const r = parseScenario(s);
  return r.ok ? 'ok' : r.error;
};

describe('scenario@2', () => {
  it('accepts the example of the spec and keeps only the fields given', () => {
    const r = parseScenario(
      v2([
        mmap,
        { op: 'dev_read', device: 'xe0', start: 0, count: 8 },
        { op: 'pin', start: 0, count: 2 },
        { op: 'unpin', pin: 1 },
      ]),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.format).toBe(V2);
    expect(r.scenario.config.devices).toEqual([
      { name: 'gpu0', frames: 8, memory: 'coherent' },
      { name: 'xe0', frames: 8, driver: 'svm', chunk: 4 },
    ]);
    expect(r.scenario.actions[2]).toEqual({ op: 'pin', start: 0, count: 2 });
  });

  it.each([
    [
      'memory',
      v2([], [{ name: 'a' }, { name: 'b', memory: 'shared' }]),
      'config.devices[1].memory: must be "private" or "coherent"',
    ],
    [
      'driver',
      v2([], [{ name: 'a' }, { name: 'b', driver: 'nouveau' }]),
      'config.devices[1].driver: must be "dmirror" or "svm"',
    ],
    [
      'chunk not a power of two',
      v2([], [{ name: 'a' }, { name: 'b', driver: 'svm', chunk: 3 }]),
      'config.devices[1].chunk: must be a power of two from 1 to 512',
    ],
    [
      'chunk too big',
      v2([], [{ name: 'a', driver: 'svm', chunk: 1024 }]),
      'config.devices[0].chunk: must be a power of two from 1 to 512',
    ],
    [
      'chunk on dmirror',
      v2([], [{ name: 'a', chunk: 4 }]),
      'config.devices[0].chunk: only a device with driver "svm" has a chunk size',
    ],
    [
      'svm make_exclusive',
      v2([mmap, mmap, mmap, mmap, { op: 'make_exclusive', device: 'xe0', start: 0 }]),
      'actions[4].device: "xe0" uses driver "svm", which has no make_exclusive',
    ],
    [
      'svm migrate_to_device',
      v2([{ op: 'migrate_to_device', device: 'xe0', start: 0 }]),
      'actions[0].device: "xe0" uses driver "svm", which has no migrate_to_device',
    ],
    [
      'svm check_exclusive',
      v2([{ op: 'check_exclusive', device: 'xe0', start: 0 }]),
      'actions[0].device: "xe0" uses driver "svm", which has no check_exclusive',
    ],
    [
      'interleave on svm',
      v2([
        ...Array<unknown>(5).fill(mmap),
        { op: 'dev_read', device: 'xe0', start: 0, interleave: { op: 'munmap', start: 0 } },
      ]),
      'actions[5].interleave: not allowed on a device with driver "svm"',
    ],
    [
      'interleave naming svm',
      v2([
        {
          op: 'dev_read',
          device: 'gpu0',
          start: 0,
          interleave: { op: 'release', device: 'xe0' },
        },
      ]),
      'actions[0].interleave.device: "xe0" uses driver "svm": an interleaved action may not name it',
    ],
    [
      'interleaved migrate naming svm',
      v2([
        {
          op: 'dev_write',
          device: 'gpu0',
          start: 0,
          value: 1,
          interleave: { op: 'migrate_to_host', device: 'xe0', start: 0 },
        },
      ]),
      'actions[0].interleave.device: "xe0" uses driver "svm", which has no migrate_to_host',
    ],
    [
      'longterm',
      v2([...Array<unknown>(6).fill(mmap), { op: 'pin', start: 0, longterm: 1 }]),
      'actions[6].longterm: must be true or false',
    ],
    [
      'unpin 0',
      v2([...Array<unknown>(7).fill(mmap), { op: 'unpin', pin: 0 }]),
      'actions[7].pin: must be an integer ≥ 1',
    ],
    ['unpin 1.5', v2([{ op: 'unpin', pin: 1.5 }]), 'actions[0].pin: must be an integer ≥ 1'],
    ['unpin "1"', v2([{ op: 'unpin', pin: '1' }]), 'actions[0].pin: must be an integer ≥ 1'],
    ['unpin missing', v2([{ op: 'unpin' }]), 'actions[0].pin: is required'],
    ['pin without start', v2([{ op: 'pin', count: 2 }]), 'actions[0].start: is required'],
    [
      'pin extra field',
      v2([{ op: 'pin', start: 0, device: 'gpu0' }]),
      'actions[0].device: unknown field',
    ],
    [
      'pin interleaved',
      v2([{ op: 'dev_read', device: 'gpu0', start: 0, interleave: { op: 'pin', start: 0 } }]),
      'actions[0].interleave.op: pin cannot interleave (allowed: mmap, munmap, mprotect, cpu_read, cpu_write, migrate_to_device, migrate_to_host, release, make_exclusive)',
    ],
    [
      'unpin interleaved',
      v2([{ op: 'dev_read', device: 'gpu0', start: 0, interleave: { op: 'unpin', pin: 1 } }]),
      'actions[0].interleave.op: unpin cannot interleave (allowed: mmap, munmap, mprotect, cpu_read, cpu_write, migrate_to_device, migrate_to_host, release, make_exclusive)',
    ],
  ])('%s', (_, s, message) => {
    expect(error(s)).toBe(message);
  });

  it('lets svm devices read, write, snapshot, release and fail allocations', () => {
    for (const op of ['dev_read', 'snapshot'])
      expect(error(v2([{ op, device: 'xe0', start: 0 }]))).toBe('ok');
    expect(error(v2([{ op: 'dev_write', device: 'xe0', start: 0, value: 1 }]))).toBe('ok');
    expect(error(v2([{ op: 'release', device: 'xe0' }]))).toBe('ok');
    expect(error(v2([{ op: 'fail_next_alloc', device: 'xe0' }]))).toBe('ok');
  });

  it('accepts pid on unpin, longterm false on pin, and coherent svm devices', () => {
    expect(error(v2([{ op: 'unpin', pin: 3, pid: 2 }]))).toBe('ok');
    expect(error(v2([{ op: 'pin', start: 0, count: 3, longterm: false }]))).toBe('ok');
    const amd = [{ name: 'amd0', memory: 'coherent', driver: 'svm', chunk: 512 }];
    expect(error(v2([], amd))).toBe('ok');
  });
});

describe('scenario@1 keeps refusing the @2 fields and ops', () => {
  const v1 = (actions: unknown[], devs: unknown = [{ name: 'gpu0' }]) => ({
    format: V1,
    config: { devices: devs },
    actions,
  });
  it.each([
    [
      'memory',
      v1([], [{ name: 'gpu0', memory: 'coherent' }]),
      'config.devices[0].memory: unknown field',
    ],
    [
      'driver',
      v1([], [{ name: 'gpu0', driver: 'svm' }]),
      'config.devices[0].driver: unknown field',
    ],
    ['chunk', v1([], [{ name: 'gpu0', chunk: 4 }]), 'config.devices[0].chunk: unknown field'],
    ['pin', v1([{ op: 'pin', start: 0 }]), 'actions[0].op: unknown op "pin"'],
    ['unpin', v1([{ op: 'unpin', pin: 1 }]), 'actions[0].op: unknown op "unpin"'],
  ])('%s', (_, s, message) => {
    expect(error(s)).toBe(message);
  });
});
