// Pin and unpin the selection (hmm-model-v2.md M, N): pin_user_pages with or without
// FOLL_LONGTERM, and unpin_user_pages on every live handle taken on a selected page.
import type { LabAction, Run } from './registry.ts';

const pid = (r: Run) => (r.pid === 1 ? {} : { pid: r.pid });

export const PIN_ACTIONS: LabAction[] = [
  {
    id: 'pin',
    label: 'pin long-term',
    group: 'pin',
    needsPages: true,
    hint: 'pin_user_pages(FOLL_WRITE | FOLL_LONGTERM), as RDMA or VFIO: coherent device memory moves home first',
    build: (c) => c.runs.map((r) => ({ op: 'pin', start: r.start, count: r.count, ...pid(r) })),
  },
  {
    id: 'pin_short',
    label: 'pin short-term',
    group: 'pin',
    needsPages: true,
    hint: 'pin_user_pages(FOLL_WRITE) without FOLL_LONGTERM, as a short DMA: the page stays where it is',
    build: (c) =>
      c.runs.map((r) => ({
        op: 'pin',
        start: r.start,
        count: r.count,
        longterm: false,
        ...pid(r),
      })),
  },
  {
    id: 'unpin',
    label: 'unpin',
    group: 'pin',
    needsPages: true,
    needsPins: true,
    hint: 'unpin_user_pages on every pin handle taken on the selected pages',
    build: (c) => (c.pinsOnSelection ?? []).map((pin) => ({ op: 'unpin', pin })),
  },
];
