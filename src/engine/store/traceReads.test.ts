// What a Trace gives back to the readers outside the engine's own runs: the bench (argCount,
// bytes, addWaypoint with no subject), the UI's lifecycle view (pteEvents), the timeline's
// closing waypoint (openChanges), and a Trace used without a ctx (no device names).
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../scenario/presets/index.ts';
import { createCtx, emit, setHost } from '../ctx.ts';
import { emptyWorld } from '../state.ts';
import { registerDevices } from '../driver/devmem.ts';
import { step } from '../step.ts';
import { K } from './kinds.ts';
import { ChangeBlock, SIZE, ValueBlock, WaypointBlock } from './rows.ts';
import { say } from './say.ts';
import type { StoredSubject } from './subject.ts';
import { ROOT, Trace } from './trace.ts';

const hostPage = (value: number) => ({ ref: 1, map: 1, locked: false, value, pins: 0 });

describe('a waypoint added with no subject', () => {
  it('has no parent and no subject fields', () => {
    const t = new Trace();
    t.addWaypoint(0, 'cpu_read', ROOT, say`Read.`);
    expect(t.parentOf(0)).toBe(-1);
    const none = { pid: 0, lo: 0, hi: 0, dev: 0, frame: 0 };
    expect(t.storedSubject(0, none)).toEqual<StoredSubject>({
      pid: -1,
      lo: -1,
      hi: -1,
      dev: -1,
      frame: -1,
    });
  });

  it('names a device by its index when the trace was given no device names', () => {
    const t = new Trace();
    t.addWaypoint(0, 'dmirror_fops_open', ROOT, say`Open.`, -1, -1, -1, -1, 0, -1);
    expect(t.waypoint(0).subject).toEqual({ device: 'dev0' });
  });
});

describe('argCount', () => {
  it('counts the arg slots of each waypoint, a nested text with its site and length', () => {
    const t = new Trace();
    t.addWaypoint(0, 'f', ROOT, say`${1} and ${'a'}`);
    t.addWaypoint(0, 'f', ROOT, say`${say`pages ${1}–${2}`}`);
    t.addWaypoint(0, 'f', ROOT, say`None.`);
    expect([0, 1, 2].map(t.argCount)).toEqual([2, 4, 0]);
  });
});

describe('openChanges', () => {
  it('counts the change rows recorded since the last waypoint closed', () => {
    const c = createCtx(emptyWorld({ hostFrames: 4, devices: [] }));
    const t = c.trace;
    setHost(c, 0, hostPage(1));
    expect(t.openChanges()).toBe(1);
    emit(c, 'cpu_write', say`Wrote.`);
    expect(t.openChanges()).toBe(0);
    setHost(c, 1, hostPage(2));
    setHost(c, 2, hostPage(3));
    expect(t.openChanges()).toBe(2);
  });
});

describe('a text site', () => {
  it('is kept once however many waypoints say it (its id is a 16-bit column)', () => {
    const t = new Trace();
    const again = () => say`Again.`;
    t.addWaypoint(0, 'f', ROOT, say`First.`);
    for (let i = 0; i < 65536; i++) t.addWaypoint(0, 'f', ROOT, again());
    expect(t.textOf(65536)).toBe('Again.');
    expect(t.textOf(0)).toBe('First.');
  });
});

describe('bytes', () => {
  const bytesOf = (block: object): number =>
    Object.values(block).reduce((s: number, a: ArrayBufferView) => s + a.byteLength, 0);

  it('is the memory of the blocks allocated: waypoints, change rows, value rows, args', () => {
    const t = new Trace();
    expect(t.bytes()).toBe(0);
    // One block of waypoints with three arg blocks of text, two of change rows of which
    // only two (host pages) have value rows.
    for (let i = 0; i < SIZE; i++) {
      if (i < 2) t.addChange(K.Host, i, 0, 0, 0, 0, i);
      else t.addChange(K.Pte, 1, i, 0, 0, 0, 0);
      t.addChange(K.Pte, 1, i, 0, 0, 0, 0);
      t.addWaypoint(0, 'f', ROOT, say`${i} ${i} ${i}`);
    }
    expect(t.bytes()).toBe(
      bytesOf(new WaypointBlock()) +
        2 * bytesOf(new ChangeBlock()) +
        bytesOf(new ValueBlock()) +
        3 * SIZE * Int32Array.BYTES_PER_ELEMENT,
    );
  });

  it('does not grow when a trace emptied by truncate(0) records as much again (the bench reuses one)', () => {
    const t = new Trace();
    const record = () => {
      for (let i = 0; i < SIZE; i++) t.addChange(K.Host, 0, 0, 0, 0, 0, i);
      t.addWaypoint(0, 'f', ROOT, say`Wrote.`);
    };
    record();
    const first = t.bytes();
    t.truncate(0);
    record();
    expect(t.bytes()).toBe(first);
    expect(t.changeAt(SIZE - 1)).toMatchObject({ k: 'host', after: { value: SIZE - 1 } });
  });
});

describe('pteEvents', () => {
  it.each(PRESETS.map((p) => [p.id, p.scenario] as const))(
    'in %s, lists exactly the PTE changes of a page, each with its waypoint',
    (_, s) => {
      const c = createCtx(emptyWorld(s.config));
      registerDevices(c);
      s.actions.forEach((a, i) => {
        c.action = i;
        step(c, a, i);
      });
      const t = c.trace;
      for (let pid = 0; pid <= 2; pid++)
        for (let page = 0; page < 16; page++) {
          const expected: { seq: number; after: unknown }[] = [];
          for (let i = 0; i < t.count; i++)
            for (const ch of t.changesOf(i))
              if (ch.k === 'pte' && ch.pid === pid && ch.page === page)
                expected.push({ seq: i, after: ch.after });
          expect(t.pteEvents(pid, page)).toEqual(expected);
        }
    },
  );
});
