import { memo } from 'react';
import type { World } from '../../engine/state.ts';
import { CanvasGrid } from '../grid/CanvasGrid.tsx';
import { pagePaint } from '../grid/paints.ts';
import type { Highlights } from '../model/highlights.ts';
import { pageKey } from '../model/keys.ts';
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

/** Thousands of pages: one canvas, plus invisible elements that keep the page-<pid>-<n> test ids. */
export function DensePages({ world, pid, pages, hl, selected, onContextMenu }: Props) {
  const select = useLab((s) => s.select);
  const selectRange = useLab((s) => s.selectRange);
  const setInspect = useLab((s) => s.setInspect);
  const vps = world.procs[pid].pages;
  const k = (i: number) => pid * 65536 + pages[i];
  return (
    <>
      <CanvasGrid
        count={pages.length}
        ariaLabel={`pid ${pid}: ${pages.length} pages`}
        keyOf={(i) => pageKey(pid, pages[i])}
        paint={(i) => {
          const key = pageKey(pid, pages[i]);
          const ring = hl.faults.has(key)
            ? 'fault'
            : hl.changed.has(key)
              ? 'changed'
              : selected.has(k(i))
                ? 'selected'
                : undefined;
          return pagePaint(vps[pages[i]], ring);
        }}
        label={(i) => {
          const vp = vps[pages[i]];
          return `page ${pages[i]}: ${pteLabel(vp)}, value ${pageValue(vp, world)}`;
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
      <div hidden>
        {pages.map((page) => {
          const r = residence(vps[page], world);
          return <PageId key={page} pid={pid} page={page} cpu={r.cpu} location={r.location} />;
        })}
      </div>
    </>
  );
}

const PageId = memo(function PageId(p: {
  pid: number;
  page: number;
  cpu: string;
  location: string;
}) {
  return (
    <span data-testid={`page-${p.pid}-${p.page}`} data-cpu={p.cpu} data-location={p.location} />
  );
});
