import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../scenario/presets/index.ts';
import { createCtx, emit, setHost, setPte } from '../ctx.ts';
import { emptyWorld, cloneWorld } from '../state.ts';
import { registerDevices } from '../driver/devmem.ts';
import { step } from '../step.ts';
import { render, say } from './say.ts';
import { SIZE } from './rows.ts';
import { MAX_DEPTH, ROOT, Trace } from './trace.ts';

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

describe('call paths', () => {
  it('are at most MAX_DEPTH long', () => {
    const t = new Trace();
    let node = ROOT;
    for (let d = 1; d < MAX_DEPTH; d++) node = t.enter(node, `f${d}`);
    expect(t.depthOf(node)).toBe(MAX_DEPTH - 1);
    expect(() => t.enter(node, 'deeper')).toThrow('call path too deep');
  });

  it('number at most 65536, the root included (a node is a 16-bit column)', () => {
    const t = new Trace();
    let last = 0;
    for (let k = 1; k < 65536; k++) last = t.enter(ROOT, `f${k}`);
    expect(last).toBe(65535);
    expect(t.enter(ROOT, 'f1')).toBe(1);
    expect(() => t.enter(ROOT, 'one more')).toThrow('more than 65536 distinct call paths');
  });
});

describe('truncate', () => {
  it('forgets the waypoints from one on: their texts, args and changes, then records anew', () => {
    const c = createCtx(emptyWorld({ hostFrames: 4, devices: [{ name: 'gpu0', frames: 2 }] }));
    const page = (value: number) => ({ ref: 1, map: 1, locked: false, value, pins: 0 });
    // Enough waypoints that the args and rows of the ones kept fill more than one block.
    const n = SIZE + 10;
    for (let i = 0; i < n; i++) {
      setHost(c, 0, page(i));
      emit(c, 'cpu_write', say`Wrote ${i} ${say`as ${'step'} ${i}`}.`);
    }
    const t = c.trace;
    const kept = n - 3;
    t.truncate(kept);
    expect(t.count).toBe(kept);
    expect(t.changes).toBe(kept);
    for (let i = 0; i < 3; i++) {
      setHost(c, 1, page(100 + i));
      emit(c, 'cpu_read', say`Read ${100 + i}.`);
    }
    expect(t.textOf(kept - 1)).toBe(`Wrote ${kept - 1} as step ${kept - 1}.`);
    expect(t.textOf(kept)).toBe('Read 100.');
    expect(t.textOf(kept + 2)).toBe('Read 102.');
    expect(t.changesOf(kept)).toMatchObject([{ k: 'host', frame: 1, after: { value: 100 } }]);
    expect(t.changesOf(kept - 1)).toMatchObject([
      { k: 'host', frame: 0, after: { value: kept - 1 } },
    ]);
    // The new rows' values did not take the slots of the kept ones.
    expect(t.changesOf(0)).toMatchObject([{ k: 'host', frame: 0, after: { value: 0 } }]);
    t.truncate(0);
    expect([t.count, t.changes]).toEqual([0, 0]);
    emit(c, 'cpu_read', say`Again ${7}.`);
    expect(t.textOf(0)).toBe('Again 7.');
  });
});
