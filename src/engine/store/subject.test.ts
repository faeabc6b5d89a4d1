// A step's subject as its change rows refine what the flow recorded (subject.ts): pages of the
// recorded process that the step changes widen its range; otherwise the first other process
// whose PTEs it changes names it; a device it changes (frames, PTEs, sequence, flag) that is not
// the recorded one names it instead; one device frame changed is the frame.
import { describe, expect, it } from 'vitest';
import {
  aboutDevice,
  aboutPages,
  createCtx,
  emit,
  setDevPage,
  setFailNextAlloc,
  setDevPte,
  setPte,
  setSeq,
  type Ctx,
} from '../ctx.ts';
import { emptyWorld, ptKey, type VPage } from '../state.ts';
import type { Subject } from '../trace.ts';
import { say } from './say.ts';

const present = (frame: number): VPage => ({
  prot: 'rw',
  shared: false,
  state: 'present',
  writable: true,
  frame,
  dev: -1,
  loc: -1,
});
const used = { ref: 1, zdd: 'z', locked: false, value: 1, pins: 0 };

/** The subject of one step recorded as about (pid, [lo, hi), dev, frame) that makes `changes`. */
function subject(
  recorded: { pid: number; lo: number; hi: number; dev: number; frame: number },
  changes: (c: Ctx) => void,
): Subject {
  const c = createCtx(
    emptyWorld({
      hostFrames: 16,
      devices: [
        { name: 'gpu0', frames: 8 },
        { name: 'gpu1', frames: 8 },
        { name: 'gpu2', frames: 8 },
      ],
    }),
  );
  for (const pid of [2, 3]) c.w.procs[pid] = { pid, pages: {} };
  aboutPages(c, recorded.pid, recorded.lo, recorded.hi);
  aboutDevice(c, recorded.dev, recorded.frame);
  changes(c);
  emit(c, 'cpu_write', say`A step.`);
  return c.trace.waypoint(0).subject;
}

const at = (pid: number, lo = -1, hi = -1, dev = -1, frame = -1) => ({ pid, lo, hi, dev, frame });

describe('subject pages', () => {
  it('keep the recorded range when the step changes a PTE inside it', () => {
    expect(subject(at(1, 0, 4), (c) => setPte(c, 1, 1, present(0)))).toEqual({
      pid: 1,
      pages: [0, 4],
    });
  });

  it('widen the recorded range down and up to the PTEs the step changes', () => {
    expect(
      subject(at(1, 4, 5), (c) => {
        setPte(c, 1, 2, present(0));
        setPte(c, 1, 6, present(1));
      }),
    ).toEqual({ pid: 1, pages: [2, 7] });
  });

  it("are the recorded process's only, not another process's it also changes", () => {
    expect(
      subject(at(1), (c) => {
        setPte(c, 1, 2, present(0));
        setPte(c, 2, 7, present(1));
      }),
    ).toEqual({ pid: 1, pages: [2, 3] });
  });

  it('are of the first other process when the recorded one is not changed', () => {
    expect(
      subject(at(1, 0, 1), (c) => {
        setPte(c, 2, 3, present(0));
        setPte(c, 3, 5, present(1));
      }),
    ).toEqual({ pid: 2, pages: [3, 4] });
  });
});

describe('subject device', () => {
  it('is another device the step changes: its sequence, its flag or its page table', () => {
    const seq = subject(at(1, -1, -1, 0, 3), (c) => setSeq(c, 1, 1));
    expect(seq).toEqual({ pid: 1, device: 'gpu1' });
    expect(subject(at(1, -1, -1, 0), (c) => setFailNextAlloc(c, 2, true))).toEqual({
      pid: 1,
      device: 'gpu2',
    });
    const pte = { target: 'host' as const, frame: 0, writable: true, atomic: false, loc: -1 };
    expect(subject(at(1, -1, -1, 0), (c) => setDevPte(c, 1, ptKey(1, 0), pte))).toEqual({
      pid: 1,
      device: 'gpu1',
    });
  });

  it('is the first other device changed, device 0 included', () => {
    expect(
      subject(at(1, -1, -1, 1), (c) => {
        setSeq(c, 0, 1);
        setSeq(c, 2, 1);
      }),
    ).toEqual({ pid: 1, device: 'gpu0' });
  });
});

describe('subject frame', () => {
  it('is the one frame the step changes, of the recorded device only', () => {
    expect(
      subject(at(1, -1, -1, 0), (c) => {
        setDevPage(c, 0, 3, used);
        setDevPage(c, 1, 5, used);
      }),
    ).toEqual({ pid: 1, device: 'gpu0', frame: 3 });
  });

  it('stays the recorded frame when the step changes it among others', () => {
    expect(
      subject(at(1, -1, -1, 0, 2), (c) => {
        setDevPage(c, 0, 2, used);
        setDevPage(c, 0, 3, used);
      }),
    ).toEqual({ pid: 1, device: 'gpu0', frame: 2 });
  });

  it('is the one frame the step changes twice, not several', () => {
    expect(
      subject(at(1, -1, -1, 0, 5), (c) => {
        setDevPage(c, 0, 3, used);
        setDevPage(c, 0, 3, { ...used, value: 2 });
      }),
    ).toEqual({ pid: 1, device: 'gpu0', frame: 3 });
  });

  it('is dropped when the step changes several frames, the recorded one not among them', () => {
    expect(
      subject(at(1, -1, -1, 0, 5), (c) => {
        setDevPage(c, 0, 1, used);
        setDevPage(c, 0, 2, used);
      }),
    ).toEqual({ pid: 1, device: 'gpu0' });
  });
});
