import fc from 'fast-check';
import LZString from 'lz-string';
import { describe, expect, it } from 'vitest';
import { anyText, validScenario } from './arbitrary.ts';
import fixtures from './fixtures/links-v1.json';
import { decodeLink, encodeLink, LINK_DECODERS, presetLink } from './link.ts';
import { PRESETS } from './presets/index.ts';
import { parseScenario } from './schema.ts';
import type { Scenario } from './types.ts';

const tiny: Scenario = {
  format: 'hmm-lab/scenario@1',
  config: { hostFrames: 8, devices: [{ name: 'gpu0', frames: 4 }] },
  actions: [{ op: 'mmap', start: 0, count: 2, prot: 'rw' }],
};

describe('encodeLink / decodeLink', () => {
  it('round-trips every valid scenario exactly', () => {
    fc.assert(
      fc.property(validScenario, fc.option(fc.nat()), (s, step) => {
        const link = encodeLink(s, step ?? undefined);
        expect(link).toMatch(/^#v1\.[A-Za-z0-9+$-]+(&step=\d+)?$/);
        const expected = { ok: true, kind: 'scenario', scenario: s, embed: false };
        expect(decodeLink(link)).toStrictEqual(step === null ? expected : { ...expected, step });
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it('reads embed and step, with or without the leading #', () => {
    const link = encodeLink(tiny, 4) + '&embed=1';
    expect(decodeLink(link)).toEqual({
      ok: true,
      kind: 'scenario',
      scenario: tiny,
      step: 4,
      embed: true,
    });
    expect(decodeLink(link.slice(1))).toEqual(decodeLink(link));
    expect(decodeLink(encodeLink(tiny) + '&future=x')).toMatchObject({ ok: true, embed: false });
  });

  it('decodes preset links', () => {
    expect(decodeLink('#preset/cpu-touch')).toEqual({
      ok: true,
      kind: 'preset',
      id: 'cpu-touch',
      embed: false,
    });
    expect(decodeLink(presetLink('cpu-touch', 7) + '&embed=1')).toEqual({
      ok: true,
      kind: 'preset',
      id: 'cpu-touch',
      step: 7,
      embed: true,
    });
    expect(decodeLink('#preset/no-such-lesson')).toEqual({
      ok: false,
      error: 'link names no known lesson: "no-such-lesson"',
    });
    expect(decodeLink('#preset/__proto__').ok).toBe(false);
  });
});

describe('decodeLink errors', () => {
  it.each([
    ['', 'link is empty'],
    ['#', 'link is empty'],
    ['#hello', 'not an HMM Lab link (it should start with #v1. or #preset/)'],
    ['#v9.abc', 'link version v9 is not supported by this version of HMM Lab (it reads v1, v2)'],
    ['#v1.', 'link carries no scenario'],
    ['#v1.!!!', 'link is damaged or cut off: its scenario could not be decompressed'],
    [
      '#v1.' + LZString.compressToEncodedURIComponent('{"x":1}'),
      'link is damaged: it does not hold a scenario',
    ],
    [
      '#v1.' + LZString.compressToEncodedURIComponent('[0,[[99]]]'),
      'link is damaged: it does not hold a scenario',
    ],
    [
      '#v1.' + LZString.compressToEncodedURIComponent('[0,[[3,70000]]]'),
      'link holds an invalid scenario: actions[0].start: must be ≤ 65535',
    ],
    [encodeLink(tiny) + '&step=-1', 'link step must be a whole number ≥ 0, not "-1"'],
    [encodeLink(tiny) + '&step=x', 'link step must be a whole number ≥ 0, not "x"'],
  ])('%j', (hash, error) => {
    expect(decodeLink(hash)).toEqual({ ok: false, error });
  });

  it('refuses a link over 16 KB before decoding it', () => {
    const r = decodeLink('#v1.' + 'A'.repeat(16 * 1024));
    expect(r).toEqual({ ok: false, error: 'link is too long (16388 characters; at most 16384)' });
  });

  it('refuses a link of more than 1024 actions', () => {
    const s: Scenario = { ...tiny, actions: new Array(1025).fill({ op: 'fork' }) };
    expect(decodeLink(encodeLink(s))).toEqual({
      ok: false,
      error: 'link holds an invalid scenario: actions: must have at most 1024 items',
    });
  });

  it('refuses a decompression bomb', () => {
    const bomb = '#v1.' + LZString.compressToEncodedURIComponent(`["${'a'.repeat(600_000)}"]`);
    expect(bomb.length).toBeLessThan(16 * 1024);
    expect(decodeLink(bomb)).toEqual({
      ok: false,
      error: 'link is damaged or cut off: its scenario could not be decompressed',
    });
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          anyText(200),
          fc.string().map((s) => '#v1.' + s),
        ),
        (s) => {
          const r = decodeLink(s);
          expect(typeof r.ok).toBe('boolean');
          if (!r.ok) expect(r.error.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 3000 },
    );
  }, 60_000);

  it('never throws on mutated or truncated valid links', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$&=#%. ';
    const mutated = fc
      .tuple(
        validScenario,
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(...alphabet)), { maxLength: 4 }),
        fc.nat(),
      )
      .map(([s, edits, cut]) => {
        const chars = encodeLink(s).split('');
        for (const [at, ch] of edits) chars[at % chars.length] = ch;
        return chars.slice(0, chars.length - (cut % 6)).join('');
      });
    fc.assert(
      fc.property(mutated, (link) => {
        const r = decodeLink(link);
        if (r.ok && r.kind === 'scenario') expect(r.scenario.format).toBe('hmm-lab/scenario@1');
        if (!r.ok) expect(r.error).toMatch(/^link|^not an HMM Lab link/);
      }),
      { numRuns: 2000 },
    );
  }, 60_000);
});

describe('links in the wild keep decoding', () => {
  it.each(fixtures.map((f) => [f.name, f] as const))('%s', (_name, f) => {
    expect(decodeLink(f.link)).toStrictEqual({
      ok: true,
      kind: 'scenario',
      scenario: f.scenario,
      ...(f.step !== undefined && { step: f.step }),
      embed: f.embed,
    });
  });

  it('still has a decoder for every fixture version', () => {
    for (const f of fixtures)
      expect(LINK_DECODERS[f.link.slice(1, f.link.indexOf('.'))]).toBeDefined();
  });
});

describe('preset links', () => {
  it('every preset encodes to a link that decodes back to it', () => {
    for (const p of PRESETS) {
      expect(decodeLink(encodeLink(p.scenario))).toMatchObject({ ok: true, scenario: p.scenario });
      expect(decodeLink(presetLink(p.id))).toMatchObject({ ok: true, kind: 'preset', id: p.id });
    }
  });
});

describe('v2 links (@2 scenarios)', () => {
  const s2 = parseScenario({
    format: 'hmm-lab/scenario@2',
    title: 'pins',
    config: {
      hostFrames: 16,
      devices: [
        { name: 'gpu0', frames: 8, memory: 'coherent' },
        { name: 'xe0', frames: 8, driver: 'svm', chunk: 2 },
        { name: 'gpu2' },
      ],
    },
    actions: [
      { op: 'mmap', start: 0, count: 4, prot: 'rw', shared: true },
      { op: 'pin', start: 0, count: 2, longterm: false },
      { op: 'pin', start: 2 },
      { op: 'unpin', pin: 1, pid: 1 },
      { op: 'dev_read', device: 'xe0', start: 0, count: 4 },
      {
        op: 'dev_write',
        device: 'gpu0',
        start: 0,
        value: 3,
        interleave: { op: 'migrate_to_host', device: 'gpu2', start: 0 },
      },
    ],
  });

  it('round-trips a @2 scenario through a #v2. link, step included', () => {
    if (!s2.ok) throw new Error(s2.error);
    const link = encodeLink(s2.scenario, 7);
    expect(link.startsWith('#v2.')).toBe(true);
    expect(decodeLink(link)).toEqual({
      ok: true,
      kind: 'scenario',
      scenario: s2.scenario,
      step: 7,
      embed: false,
    });
  });

  it('still gives a @1 scenario its v1 link', () => {
    const s1 = parseScenario({ format: 'hmm-lab/scenario@1', actions: [] });
    if (!s1.ok) throw new Error(s1.error);
    expect(encodeLink(s1.scenario).startsWith('#v1.')).toBe(true);
  });

  it('refuses a damaged v2 link with a message', () => {
    const r = decodeLink('#v2.NoBgNgrgpgzg');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/link/);
  });
});
