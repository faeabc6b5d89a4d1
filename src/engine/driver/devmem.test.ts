// dmirror's device memory as the steps show it: registration's subjects, the page lock a
// migration holds on a device page, and the zone_device_data strings (memoised).
import { describe, expect, it } from 'vitest';
import type { Action } from '../../scenario/types.ts';
import { createTimeline } from '../../timeline/timeline.ts';
import { build, FOUR_PAGES } from '../selftests/scenario.ts';
import { render } from '../store/say.ts';
import { MEMO_MAX, zddSaid, zoneDeviceData } from './devmem.ts';

/** Whether gpu0 frame `frame` is locked after each waypoint of action `action`, runs merged. */
function lockedDuring(actions: Action[], action: number, frame: number): boolean[] {
  const tl = createTimeline(build(actions));
  const out: boolean[] = [];
  for (let i = 0; i < tl.count; i++) {
    if (tl.call(i).action !== action) continue;
    const locked = tl.peek(i, (w) => w.devices[0].frames[frame].locked);
    if (out[out.length - 1] !== locked) out.push(locked);
  }
  return out;
}

describe('registration (flow A)', () => {
  it('is about the device alone until the notifier covers pid 1', () => {
    const tl = createTimeline(build([], { hostFrames: 4, devices: [{ name: 'gpu0', frames: 2 }] }));
    const steps = Array.from({ length: tl.count }, (_, i) => tl.waypoint(i));
    expect(steps.map((w) => [w.action, w.fn, w.subject])).toEqual([
      [-1, 'memremap_pages', { device: 'gpu0' }],
      [-1, 'dmirror_allocate_chunk', { device: 'gpu0' }],
      [-1, 'mmu_interval_notifier_insert', { pid: 1, device: 'gpu0' }],
    ]);
  });
});

describe('the device page lock', () => {
  const toDevice: Action = { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 1 };

  it('holds a new device page locked from allocation until migrate_vma_finalize', () => {
    // dmirror_devmem_alloc_page → zone_device_page_init locks the page; finalize unlocks it.
    expect(lockedDuring([...FOUR_PAGES, toDevice], 2, 0)).toEqual([false, true, false]);
  });

  it('locks the device page it collects for a migration home until finalize', () => {
    const home: Action = { op: 'migrate_to_host', device: 'gpu0', start: 0, count: 1 };
    expect(lockedDuring([...FOUR_PAGES, toDevice, home], 3, 0)).toEqual([false, true, false]);
  });
});

describe('zone_device_data', () => {
  it('names the device, process and page of the first page a device ever hands out', () => {
    // A device name no other test uses: the first string made for it is pid 1 page 0's.
    expect(zoneDeviceData('zdd-first', 1, 0)).toBe('dmirror(zdd-first) pid 1 page 0');
    expect(zoneDeviceData('zdd-first', 2, 0)).toBe('dmirror(zdd-first) pid 2 page 0');
    expect(zoneDeviceData('zdd-first', 1, 0)).toBe('dmirror(zdd-first) pid 1 page 0');
  });

  it('is still right after the memo forgot everything past MEMO_MAX strings', () => {
    let made = 0;
    for (let pid = 1; made <= MEMO_MAX; pid++)
      for (let page = 1; page < 65536; page++, made++) zoneDeviceData('zdd-full', pid, page);
    for (const [pid, page] of [
      [1, 0],
      [1, 1],
      [2, 7],
      [3, 65535],
    ])
      expect(zoneDeviceData('zdd-full', pid, page)).toBe(render(zddSaid('zdd-full', pid, page)));
  });
});
