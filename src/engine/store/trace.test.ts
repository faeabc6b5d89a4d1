import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../scenario/presets/index.ts';
import { createCtx, emit, setHost, setPte } from '../ctx.ts';
import { emptyWorld, cloneWorld } from '../state.ts';
import { registerDevices } from '../driver/devmem.ts';
import { step } from '../step.ts';
import { render, say } from './say.ts';

describe('say', () => {
  it('renders exactly what the template literal gives, nested templates included', () => {
    const p = 3;
    const v = -2147483648;
    const empty = '';
    const inner = (n: number) => say`pages ${n}–${n + 4}`;
    expect(render(say`Page ${p} holds ${v}${empty}; ${inner(p)} ${false}.`)).toBe(
      `Page ${p} holds ${v}${empty}; pages 3–7 false.`,
    );
  });
});

describe('trace', () => {
  it('keeps every kind of text arg: narrow and wide numbers, strings, booleans, nested', () => {
    const c = createCtx(emptyWorld({ hostFrames: 1, devices: [{ name: 'gpu0', frames: 1 }] }));
    const values = [
      0,
      -1,
      2 ** 30 - 1,
      2 ** 30,
      -(2 ** 30),
      -(2 ** 30) - 1,
      4294967295,
      -2147483648,
    ];
    for (const v of values)
      emit(c, 'cpu_read', say`${v} ${'gpu0'} ${v < 0} ${say`in ${v} ${''}`}.`);
    values.forEach((v, i) => expect(c.trace.textOf(i)).toBe(`${v} gpu0 ${v < 0} in ${v} .`));
  });

  it('gives back each waypoint with its text, path and changes', () => {
    const c = createCtx(emptyWorld({ hostFrames: 4, devices: [{ name: 'gpu0', frames: 2 }] }));
    c.action = 0;
    c.w.procs[1].pages[5] = {
      prot: 'rw',
      shared: false,
      state: 'none',
      writable: false,
      frame: -1,
      dev: -1,
      loc: -1,
    };
    setHost(c, 2, { ref: 1, map: 1, locked: false, value: 4294967295, pins: 0 });
    setPte(c, 1, 5, {
      prot: 'rw',
      shared: false,
      state: 'present',
      writable: true,
      frame: 2,
      dev: -1,
      loc: -1,
    });
    emit(c, 'do_anonymous_page', say`Page ${5} maps ${say`host frame ${2}`}.`);
    expect(c.trace.waypoint(0)).toEqual({
      seq: 0,
      action: 0,
      fn: 'do_anonymous_page',
      text: 'Page 5 maps host frame 2.',
      // No subject recorded: the PTE it changes makes it one.
      layer: 'mm',
      subject: { pid: 1, pages: [5, 6] },
      depth: 0,
      parent: -1,
      path: [],
      changes: [
        {
          k: 'host',
          frame: 2,
          before: { ref: 0, map: 0, locked: false, value: 0, pins: 0 },
          after: { ref: 1, map: 1, locked: false, value: 4294967295, pins: 0 },
        },
        {
          k: 'pte',
          pid: 1,
          page: 5,
          before: {
            prot: 'rw',
            shared: false,
            state: 'none',
            writable: false,
            frame: -1,
            dev: -1,
            loc: -1,
          },
          after: {
            prot: 'rw',
            shared: false,
            state: 'present',
            writable: true,
            frame: 2,
            dev: -1,
            loc: -1,
          },
        },
      ],
    });
  });

  it.each(PRESETS.map((p) => [p.id, p.scenario] as const))(
    'rewinds %s to the empty world and replays it to the end',
    (_, s) => {
      const c = createCtx(emptyWorld(s.config));
      const start = cloneWorld(c.w);
      registerDevices(c);
      s.actions.forEach((a, i) => {
        c.action = i;
        step(c, a, i);
      });
      const end = cloneWorld(c.w);
      const w = cloneWorld(c.w);
      c.trace.applyRows(w, 0, c.trace.changes, false);
      expect(w).toEqual(start);
      c.trace.applyRows(w, 0, c.trace.changes, true);
      expect(w).toEqual(end);
    },
  );
});
