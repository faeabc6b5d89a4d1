// pin_user_pages / unpin_user_pages seen step by step: what a pin's fault-in is about, what
// unpin frees and says, the handles it refuses (hmm-model-v2.md flows M and N).
import { describe, expect, it } from 'vitest';
import type { Action, ScenarioConfig } from '../../scenario/types.ts';
import { SCENARIO_FORMAT_V2 } from '../../scenario/types.ts';
import { createTimeline, type Timeline } from '../../timeline/timeline.ts';
import { build, pagesOf, run } from '../selftests/scenario.ts';

const HOST: ScenarioConfig = {
  hostFrames: 4,
  devices: [
    { name: 'gpu0', frames: 4 },
    { name: 'gpu1', frames: 4 },
  ],
};
const COHERENT: ScenarioConfig = {
  hostFrames: 4,
  devices: [{ name: 'gpu0', frames: 4, memory: 'coherent' }],
};

const timeline = (actions: Action[], config: ScenarioConfig): Timeline =>
  createTimeline({ ...build(actions, config), format: SCENARIO_FORMAT_V2 });
/** The narration of action a's steps named fn. */
const texts = (tl: Timeline, a: number, fn: string) =>
  Array.from({ length: tl.count }, (_, i) => tl.waypoint(i))
    .filter((w) => w.action === a && w.fn === fn)
    .map((w) => w.text);

/** Pages 0 and 1 in host frames 0 and 1, pinned (handle 1), then unmapped: the pins hold them. */
const PINNED_UNMAPPED: Action[] = [
  { op: 'mmap', start: 0, count: 2, prot: 'rw' },
  { op: 'cpu_write', start: 0, count: 2, values: [5, 6] },
  { op: 'pin', start: 0, count: 2 },
  { op: 'munmap', start: 0, count: 2 },
];

describe('unpin_user_pages', () => {
  it('frees the frames nothing else holds, and says so', () => {
    const tl = timeline([...PINNED_UNMAPPED, { op: 'unpin', pin: 1 }], HOST);
    expect(texts(tl, 4, 'gup_put_folio')).toEqual([
      'unpin_user_pages drops pin handle 1: each of its 2 frames loses one pin (GUP_PIN_COUNTING_BIAS); 2 frames that nothing else referenced are freed.',
    ]);
  });

  it('a frame it frees is the lowest free one again: the next page takes it', () => {
    const tl = timeline(
      [
        ...PINNED_UNMAPPED,
        { op: 'unpin', pin: 1 },
        { op: 'mmap', start: 4, count: 1, prot: 'rw' },
        { op: 'cpu_write', start: 4, value: 1 },
      ],
      HOST,
    );
    expect(texts(tl, 6, 'do_anonymous_page')).toEqual([
      'The kernel allocates host frame 0, zero-filled, and maps page 4 writable.',
    ]);
  });

  it('refuses a handle it released or never returned, and tells which (EINVAL)', () => {
    const actions: Action[] = [
      ...PINNED_UNMAPPED,
      { op: 'unpin', pin: 1 },
      { op: 'unpin', pin: 1 },
      { op: 'unpin', pin: 7 },
    ];
    const tl = timeline(actions, HOST);
    expect(
      tl
        .report()
        .results.slice(5)
        .map((r) => r.status),
    ).toEqual(['EINVAL', 'EINVAL']);
    expect([5, 6].flatMap((a) => texts(tl, a, 'unpin_user_pages'))).toEqual([
      'Pin handle 1 was already released: EINVAL.',
      'Pin handle 7 was never returned: EINVAL.',
    ]);
  });

  it('handle 0 is no handle: EINVAL, and the handles go on from where they were', () => {
    // (The schema refuses pin 0; the engine still must not take its handle counter for one.)
    const r = run(
      [
        ...PINNED_UNMAPPED,
        { op: 'unpin', pin: 0 },
        { op: 'mmap', start: 4, count: 1, prot: 'rw' },
        { op: 'pin', start: 4 },
      ],
      HOST,
      true,
    );
    expect(r.results[4].status).toBe('EINVAL');
    expect(r.results[6]).toMatchObject({ status: 'ok', pin: 2 });
  });
});

describe('pins of a coherent page', () => {
  /** Page 0 in gpu0's coherent frame 0, pinned short-term twice (handles 1 and 2). */
  const TWICE: Action[] = [
    { op: 'mmap', start: 0, count: 1, prot: 'rw' },
    { op: 'cpu_write', start: 0, value: 5 },
    { op: 'migrate_to_device', device: 'gpu0', start: 0 },
    { op: 'pin', start: 0, longterm: false },
    { op: 'pin', start: 0, longterm: false },
    { op: 'unpin', pin: 1 },
  ];

  it('one unpin drops one pin: the page stays pinned by the other', () => {
    const r = run(TWICE, COHERENT, true);
    expect(pagesOf(r)).toEqual([
      { page: 0, cpu: 'present', writable: true, location: 'gpu0', value: 5, pinned: true },
    ]);
  });

  it('the last pin of an unmapped page frees it (page_free), and unpin says so', () => {
    const tl = timeline([...TWICE, { op: 'munmap', start: 0 }, { op: 'unpin', pin: 2 }], COHERENT);
    expect(texts(tl, 5, 'gup_put_folio')).toEqual([
      'unpin_user_pages drops pin handle 1: each of its 1 frame loses one pin (GUP_PIN_COUNTING_BIAS).',
    ]);
    expect(texts(tl, 7, 'gup_put_folio')).toEqual([
      'unpin_user_pages drops pin handle 2: each of its 1 frame loses one pin (GUP_PIN_COUNTING_BIAS); 1 frame that nothing else referenced is freed.',
    ]);
  });
});

describe('pin_user_pages', () => {
  it("faults a page in on the pinner's behalf about no device", () => {
    const tl = timeline(
      [
        { op: 'mmap', start: 0, count: 1, prot: 'rw' },
        { op: 'pin', start: 0 },
      ],
      HOST,
    );
    const fault = Array.from({ length: tl.count }, (_, i) => tl.waypoint(i)).filter(
      (w) => w.fn === 'faultin_page',
    );
    expect(fault.map((w) => w.subject)).toEqual([{ pid: 1, pages: [0, 1] }]);
  });
});
