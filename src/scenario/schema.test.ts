import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validScenario } from './arbitrary.ts';
import { parseScenario, parseScenarioText } from './schema.ts';
import { DEFAULT_CONFIG } from './types.ts';

const F = 'hmm-lab/scenario@1';
const cfg2 = { hostFrames: 8, devices: [{ name: 'gpu0' }, { name: 'gpu1', frames: 4 }] };
const one = (action: unknown, config: unknown = cfg2) => ({ format: F, config, actions: [action] });
const dr = { op: 'dev_read', device: 'gpu0', start: 0 };

const BAD: [string, unknown, string][] = [
  ['not an object', [], 'scenario: must be a JSON object'],
  ['null', null, 'scenario: must be a JSON object'],
  [
    'wrong format',
    { format: 'x', actions: [] },
    'format: must be one of "hmm-lab/scenario@1", "hmm-lab/scenario@2"',
  ],
  ['missing format', { actions: [] }, 'format: is required'],
  ['missing actions', { format: F }, 'actions: is required'],
  ['unknown root field', { format: F, actions: [], extra: 1 }, 'extra: unknown field'],
  ['title type', { format: F, title: 3, actions: [] }, 'title: must be a string'],
  [
    'hostFrames 0',
    { format: F, config: { hostFrames: 0 }, actions: [] },
    'config.hostFrames: must be ≥ 1',
  ],
  [
    'hostFrames 4097',
    { format: F, config: { hostFrames: 4097 }, actions: [] },
    'config.hostFrames: must be ≤ 4096',
  ],
  [
    'hostFrames 1.5',
    { format: F, config: { hostFrames: 1.5 }, actions: [] },
    'config.hostFrames: must be an integer',
  ],
  [
    'no devices',
    { format: F, config: { devices: [] }, actions: [] },
    'config.devices: must have at least 1 item',
  ],
  [
    '5 devices',
    { format: F, config: { devices: 'abcde'.split('').map((name) => ({ name })) }, actions: [] },
    'config.devices: must have at most 4 items',
  ],
  [
    'device frames 0',
    one({ op: 'fork' }, { devices: [{ name: 'g', frames: 0 }] }),
    'config.devices[0].frames: must be ≥ 1',
  ],
  [
    'device frames 4097',
    one({ op: 'fork' }, { devices: [{ name: 'g', frames: 4097 }] }),
    'config.devices[0].frames: must be ≤ 4096',
  ],
  [
    'device name',
    one({ op: 'fork' }, { devices: [{ name: 'GPU' }] }),
    'config.devices[0].name: must match [a-z][a-z0-9_-]{0,15}',
  ],
  [
    'device name long',
    one({ op: 'fork' }, { devices: [{ name: 'a'.repeat(17) }] }),
    'config.devices[0].name: must match [a-z][a-z0-9_-]{0,15}',
  ],
  [
    'duplicate device',
    one({ op: 'fork' }, { devices: [{ name: 'g' }, { name: 'g' }] }),
    'config.devices[1].name: "g" is declared twice',
  ],
  [
    'device field',
    one({ op: 'fork' }, { devices: [{ name: 'g', mem: 1 }] }),
    'config.devices[0].mem: unknown field',
  ],
  ['action not object', one(3), 'actions[0]: must be an object'],
  ['missing op', one({ start: 0 }), 'actions[0].op: is required'],
  ['unknown op', one({ op: 'mmap2' }), 'actions[0].op: unknown op "mmap2"'],
  ['count 0', one({ op: 'cpu_read', start: 0, count: 0 }), 'actions[0].count: must be ≥ 1'],
  ['start -1', one({ op: 'cpu_read', start: -1 }), 'actions[0].start: must be ≥ 0'],
  ['start 65536', one({ op: 'cpu_read', start: 65536 }), 'actions[0].start: must be ≤ 65535'],
  ['start string', one({ op: 'cpu_read', start: '1' }), 'actions[0].start: must be a number'],
  ['missing start', one({ op: 'cpu_read' }), 'actions[0].start: is required'],
  [
    'range past end',
    one({ op: 'munmap', start: 65530, count: 7 }),
    'actions[0].count: range ends at page 65536, past page 65535',
  ],
  [
    'prot',
    one({ op: 'mmap', start: 0, prot: 'rwx' }),
    'actions[0].prot: must be one of "none", "r", "rw"',
  ],
  ['missing prot', one({ op: 'mmap', start: 0 }), 'actions[0].prot: is required'],
  [
    'shared type',
    one({ op: 'mmap', start: 0, prot: 'r', shared: 1 }),
    'actions[0].shared: must be true or false',
  ],
  [
    'unknown action field',
    one({ op: 'cpu_read', start: 0, len: 2 }),
    'actions[0].len: unknown field',
  ],
  [
    'no value',
    one({ op: 'cpu_write', start: 0 }),
    'actions[0]: needs exactly one of value and values',
  ],
  [
    'both values',
    one({ op: 'cpu_write', start: 0, value: 1, values: [1] }),
    'actions[0]: needs exactly one of value and values',
  ],
  [
    'values length',
    one({ op: 'cpu_write', start: 0, count: 3, values: [1, 2] }),
    'actions[0].values: has 2 values but count is 3',
  ],
  [
    'values length default',
    one({ op: 'cpu_write', start: 0, values: [1, 2] }),
    'actions[0].values: has 2 values but count is 1',
  ],
  [
    'value too big',
    one({ op: 'cpu_write', start: 0, value: 4294967296 }),
    'actions[0].value: must be ≤ 4294967295',
  ],
  [
    'value too small',
    one({ op: 'cpu_write', start: 0, value: -2147483649 }),
    'actions[0].value: must be ≥ -2147483648',
  ],
  [
    'value fraction',
    one({ op: 'cpu_write', start: 0, values: [0.5] }),
    'actions[0].values[0]: must be an integer',
  ],
  ['pid 0', one({ op: 'fork', pid: 0 }), 'actions[0].pid: must be ≥ 1'],
  [
    'pid fraction',
    one({ op: 'cpu_read', start: 0, pid: 1.5 }),
    'actions[0].pid: must be an integer',
  ],
  [
    'undeclared device',
    one({ ...dr, device: 'gpu7' }),
    'actions[0].device: "gpu7" is not declared in config.devices',
  ],
  [
    'undeclared default device',
    { format: F, actions: [{ op: 'release', device: 'gpu1' }] },
    'actions[0].device: "gpu1" is not declared in config.devices',
  ],
  ['missing device', one({ op: 'snapshot', start: 0 }), 'actions[0].device: is required'],
  [
    'interleave on cpu op',
    one({ op: 'cpu_read', start: 0, interleave: { op: 'munmap', start: 0 } }),
    'actions[0].interleave: only dev_read and dev_write may interleave',
  ],
  [
    'interleave op',
    one({ ...dr, interleave: { op: 'snapshot', device: 'gpu1', start: 0 } }),
    'actions[0].interleave.op: snapshot cannot interleave (allowed: mmap, munmap, mprotect, cpu_read, cpu_write, migrate_to_device, migrate_to_host, release, make_exclusive)',
  ],
  [
    'interleave same device',
    one({ ...dr, interleave: { op: 'release', device: 'gpu0' } }),
    'actions[0].interleave.device: must name a device other than "gpu0": a driver skips its own notifier',
  ],
  [
    'nested interleave',
    one({ ...dr, interleave: { op: 'munmap', start: 0, interleave: { op: 'munmap', start: 0 } } }),
    'actions[0].interleave.interleave: interleave may not nest',
  ],
  [
    'interleave field',
    one({ ...dr, interleave: { op: 'munmap', start: 0, x: 1 } }),
    'actions[0].interleave.x: unknown field',
  ],
  [
    'interleave undeclared',
    one({ ...dr, interleave: { op: 'release', device: 'gpu9' } }),
    'actions[0].interleave.device: "gpu9" is not declared in config.devices',
  ],
  [
    'release with range',
    one({ op: 'release', device: 'gpu0', start: 0 }),
    'actions[0].start: unknown field',
  ],
  ['fork with device', one({ op: 'fork', device: 'gpu0' }), 'actions[0].device: unknown field'],
  [
    'later action',
    {
      format: F,
      actions: [
        { op: 'fork' },
        { op: 'fork' },
        { op: 'fork' },
        { op: 'mmap', start: 0, count: 0, prot: 'r' },
      ],
    },
    'actions[3].count: must be ≥ 1',
  ],
];

describe('parseScenario errors', () => {
  it.each(BAD)('%s', (_name, input, message) => {
    expect(parseScenario(input)).toEqual({ ok: false, error: message });
  });
});

describe('parseScenario normalizes', () => {
  it('fills an omitted config and keeps actions as given', () => {
    const r = parseScenario({ format: F, actions: [{ op: 'cpu_read', start: 2 }] });
    expect(r).toEqual({
      ok: true,
      scenario: { format: F, config: DEFAULT_CONFIG, actions: [{ op: 'cpu_read', start: 2 }] },
    });
    if (r.ok) expect(r.scenario.config).not.toBe(DEFAULT_CONFIG);
  });

  it('defaults device frames to 32 and host frames to 64', () => {
    const r = parseScenario({ format: F, config: { devices: [{ name: 'a' }] }, actions: [] });
    expect(r.ok && r.scenario.config).toEqual({
      hostFrames: 64,
      devices: [{ name: 'a', frames: 32 }],
    });
  });

  it('accepts every op, fork and a valid interleave', () => {
    const actions = [
      { op: 'fork', pid: 1 },
      {
        op: 'dev_write',
        device: 'gpu0',
        start: 0,
        count: 2,
        values: [1, -2],
        interleave: { op: 'release', device: 'gpu1' },
      },
      {
        op: 'dev_read',
        device: 'gpu1',
        start: 0,
        interleave: { op: 'cpu_write', start: 0, value: 4294967295 },
      },
    ];
    const r = parseScenario({ format: F, title: 't', config: cfg2, actions });
    expect(r.ok && r.scenario.actions).toEqual(actions);
  });

  it('accepts every generated valid scenario unchanged', () => {
    fc.assert(
      fc.property(validScenario, (s) => {
        expect(parseScenario(s)).toEqual({ ok: true, scenario: s });
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});

describe('parseScenario against hostile input', () => {
  it('rejects __proto__ as an unknown field and pollutes nothing', () => {
    const input = JSON.parse(
      `{"format":"${F}","actions":[{"op":"fork","__proto__":{"polluted":1}}]}`,
    );
    expect(parseScenario(input)).toEqual({
      ok: false,
      error: 'actions[0].__proto__: unknown field',
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses too many actions before looking at them', () => {
    const actions = new Array(100_001).fill({ op: 'fork' });
    expect(parseScenario({ format: F, actions })).toEqual({
      ok: false,
      error: 'actions: must have at most 100000 items',
    });
    expect(
      parseScenario({ format: F, actions: actions.slice(0, 1025) }, { maxActions: 1024 }),
    ).toEqual({
      ok: false,
      error: 'actions: must have at most 1024 items',
    });
  });

  it('refuses a huge values array quickly', () => {
    const values = new Array(5_000_000).fill(0);
    const t = Date.now();
    const r = parseScenario(one({ op: 'cpu_write', start: 0, values }));
    expect(r).toEqual({ ok: false, error: 'actions[0].values: must have at most 65536 items' });
    expect(Date.now() - t).toBeLessThan(500);
  });

  it('does not walk deep nesting in an unknown field', () => {
    let deep: unknown = 0;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(parseScenario({ format: F, actions: [], deep })).toEqual({
      ok: false,
      error: 'deep: unknown field',
    });
    expect(parseScenario({ format: F, actions: [{ op: 'fork', pid: deep }] })).toEqual({
      ok: false,
      error: 'actions[0].pid: must be a number',
    });
  });

  it('turns a throwing getter into a message', () => {
    const evil = {
      format: F,
      get actions(): unknown[] {
        throw new Error('boom');
      },
    };
    const r = parseScenario(evil);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/^scenario: could not be read/);
  });
});

describe('parseScenarioText', () => {
  it.each([
    ['', 'invalid JSON: the text is empty'],
    ['{"format": }', 'invalid JSON at line 1, column 12: unexpected "}"'],
    ['{\n  "format": "x",\n  "a" 1\n}', 'invalid JSON at line 3, column 7: unexpected "1"'],
    ['{"format": "x"', 'invalid JSON: unexpected end of text'],
    ['[1,]', 'invalid JSON at line 1, column 4: unexpected "]"'],
    ['{} x', 'invalid JSON at line 1, column 4: unexpected "x"'],
  ])('%j', (text, message) => {
    expect(parseScenarioText(text)).toEqual({ ok: false, error: message });
  });

  it('parses valid text, with or without a byte-order mark', () => {
    const text = JSON.stringify({ format: F, actions: [] });
    expect(parseScenarioText(text).ok).toBe(true);
    expect(parseScenarioText('\ufeff' + text).ok).toBe(true);
  });

  it('validates after parsing', () => {
    expect(parseScenarioText('{"format":"hmm-lab/scenario@1","actions":[{"op":"x"}]}')).toEqual({
      ok: false,
      error: 'actions[0].op: unknown op "x"',
    });
  });
});
