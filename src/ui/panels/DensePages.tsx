import { memo, useMemo } from 'react';
import type { VPage, World } from '../../engine/state.ts';
import { CanvasGrid } from '../grid/CanvasGrid.tsx';
import { pagePaint } from '../grid/paints.ts';
import { ringsOf, type Ring } from '../grid/rings.ts';
import type { Highlights } from '../model/highlights.ts';
import { numberAfter, pageKey } from '../model/keys.ts';
import { perObject } from '../model/perObject.ts';
import { pageValue, pteLabel, residence } from '../model/residence.ts';
import { useLab } from '../store/store.ts';

interface Props {
  world: World;
  pid: number;
  pages: number[];
  hl: Highlights;
  selected: Set<number>;
  onContextMenu(x: number, y: number): void;
}

/** Index of `page` in the sorted `pages`, or -1. */
function indexOfPage(pages: readonly number[], page: number): number {
  let lo = 0;
  let hi = pages.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (pages[mid] === page) return mid;
    if (pages[mid] < page) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Thousands of pages: one canvas, plus invisible elements that keep the page-<pid>-<n> test ids. */
export function DensePages({ world, pid, pages, hl, selected, onContextMenu }: Props) {
  const select = useLab((s) => s.select);
  const selectRange = useLab((s) => s.selectRange);
  const setInspect = useLab((s) => s.setInspect);
  const vps = world.procs[pid].pages;
  const k = (i: number) => pid * 65536 + pages[i];
  const prefix = pageKey(pid, 0).slice(0, -1);
  const indexOf = (key: string) => {
    const page = numberAfter(key, prefix);
    return page < 0 ? -1 : indexOfPage(pages, page);
  };
  const chosen = new Map<number, Ring>();
  for (const s of selected) {
    const i = Math.floor(s / 65536) === pid ? indexOfPage(pages, s % 65536) : -1;
    if (i >= 0) chosen.set(i, 'selected');
  }
  const rings = ringsOf(
    [
      [hl.changed, 'changed'],
      [hl.faults, 'fault'],
    ],
    indexOf,
    chosen,
  );
  return (
    <>
      <CanvasGrid
        count={pages.length}
        ariaLabel={`pid ${pid}: ${pages.length} pages`}
        indexOf={indexOf}
        item={(i) => vps[pages[i]]}
        rings={rings}
        paint={(i, ring) => pagePaint(vps[pages[i]], ring)}
        label={(i) => {
          const vp = vps[pages[i]];
          return `page ${pages[i]}: ${pteLabel(vp)}, value ${pageValue(vp, world, pid, pages[i])}`;
        }}
        onPick={(i, e) => {
          select(k(i), e.shiftKey ? 'range' : e.ctrlKey || e.metaKey ? 'toggle' : 'only');
          setInspect({ kind: 'page', pid, page: pages[i] });
        }}
        onDragTo={(a, b) => selectRange(k(a), k(b))}
        onContext={(i, e) => {
          if (!selected.has(k(i))) select(k(i), 'only');
          onContextMenu(e.clientX, e.clientY);
        }}
      />
      <PageIds world={world} pid={pid} pages={pages} />
    </>
  );
}

const CHUNK = 64;

/** `pages` cut into CHUNK-long runs; once per list (the list is kept while the keys are). */
const chunksOf = perObject((pages: number[]) => {
  const chunks: number[][] = [];
  for (let c = 0; c < pages.length; c += CHUNK) chunks.push(pages.slice(c, c + CHUNK));
  return chunks;
});

/**
 * The hidden test-id elements, in chunks that re-render only when one of their pages changed
 * (a step touches a few pages of thousands). Nothing here is per page and per step: that was
 * two arrays of every page on each step of a 4096-page view.
 */
function PageIds({ world, pid, pages }: { world: World; pid: number; pages: number[] }) {
  const vps = world.procs[pid].pages;
  const names = useMemo(() => world.devices.map((d) => d.name).join('\n'), [world.devices]);
  return (
    <div hidden>
      {chunksOf(pages).map((chunk, c) => (
        <PageIdChunk key={c} world={world} pid={pid} pages={chunk} vps={vps} names={names} />
      ))}
    </div>
  );
}

interface ChunkProps {
  /** Only read for device names; `names` stands for it in the comparison. */
  world: World;
  pid: number;
  pages: number[];
  vps: Record<number, VPage>;
  names: string;
}

const sameEntries = (a: ChunkProps, b: ChunkProps) =>
  a.pid === b.pid &&
  a.names === b.names &&
  a.pages === b.pages &&
  a.pages.every((page) => a.vps[page] === b.vps[page]);

const PageIdChunk = memo(function PageIdChunk({ world, pid, pages, vps }: ChunkProps) {
  return pages.map((page) => {
    const r = residence(vps[page], world);
    return (
      <span
        key={page}
        data-testid={`page-${pid}-${page}`}
        data-cpu={r.cpu}
        data-location={r.location}
      />
    );
  });
}, sameEntries);
