import { useRef } from 'react';
import type { World } from '../../engine/state.ts';
import { useLab } from '../store/store.ts';
import type { Highlights } from '../model/highlights.ts';
import { pageKey } from '../model/keys.ts';
import { perObject } from '../model/perObject.ts';
import { coherentHome, entryPins } from '../model/pins.ts';
import { pageValue, residence } from '../model/residence.ts';
import { DENSE } from '../grid/paints.ts';
import { DensePages } from './DensePages.tsx';
import { PageCell } from './PageCell.tsx';
import { PteLegend } from './PteLegend.tsx';
import { showWhere } from './showWhere.ts';

interface Props {
  world: World;
  hl: Highlights;
  onContextMenu(x: number, y: number): void;
}

let lastPages: { keys: string[]; pages: number[] } = { keys: [], pages: [] };

/**
 * The mapped pages in order. Integer keys enumerate in ascending order, so no sort is needed;
 * the previous list is reused while the keys stay the same, which keeps the dense grid's
 * per-step work to the cells that changed. Worked out once per page table: a step that
 * changes no CPU entry keeps the table object, and a 4096-page table has 4096 keys to list.
 */
const mappedPages = perObject((entries: Record<number, unknown>): number[] => {
  const keys = Object.keys(entries);
  const same =
    keys.length === lastPages.keys.length && keys.every((k, i) => k === lastPages.keys[i]);
  if (!same) lastPages = { keys, pages: keys.map(Number) };
  return lastPages.pages;
});

const keyOf = (el: EventTarget | null): number | null => {
  const cell = (el as HTMLElement | null)?.closest?.('[data-page]') as HTMLElement | null;
  return cell ? Number(cell.dataset.page) : null;
};

/** The process's virtual pages and their CPU page-table entries; select pages to act on. */
export function ProcessPanel({ world, hl, onContextMenu }: Props) {
  const selected = useLab((s) => s.selected);
  const select = useLab((s) => s.select);
  const selectRange = useLab((s) => s.selectRange);
  const setInspect = useLab((s) => s.setInspect);
  const drag = useRef<{ from: number; moved: boolean } | null>(null);
  const sel = new Set(selected);
  const pids = Object.keys(world.procs).map(Number);

  const onPointerDown = (e: React.PointerEvent) => {
    const k = keyOf(e.target);
    if (k === null || e.button !== 0) return;
    drag.current = { from: k, moved: false };
  };
  const onPointerOver = (e: React.PointerEvent) => {
    const k = keyOf(e.target);
    showWhere(world, k);
    if (!drag.current || k === null || (e.buttons & 1) === 0) return;
    if (k !== drag.current.from || drag.current.moved) {
      drag.current.moved = true;
      selectRange(drag.current.from, k);
    }
  };
  const onClick = (e: React.MouseEvent) => {
    const k = keyOf(e.target);
    const dragged = drag.current?.moved;
    drag.current = null;
    if (k === null || dragged) return;
    select(k, e.shiftKey ? 'range' : e.ctrlKey || e.metaKey ? 'toggle' : 'only');
    setInspect({ kind: 'page', pid: Math.floor(k / 65536), page: k % 65536 });
  };
  // Keyboard: Tab into the pages, ↑/↓ move between them, Space/Enter select (Shift: range).
  // ←/→ stay the global waypoint keys.
  const onKeyDown = (e: React.KeyboardEvent) => {
    const k = keyOf(e.target);
    if (k === null) return;
    const cell = e.target as HTMLElement;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const next = (
        e.key === 'ArrowDown' ? cell.nextElementSibling : cell.previousElementSibling
      ) as HTMLElement | null;
      next?.focus();
    } else if (e.key === 'Enter' || e.key === ' ') {
      select(k, e.shiftKey ? 'range' : 'toggle');
      setInspect({ kind: 'page', pid: Math.floor(k / 65536), page: k % 65536 });
    } else if (e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10')) {
      const r = cell.getBoundingClientRect();
      if (!sel.has(k)) select(k, 'only');
      onContextMenu(r.left + r.width / 2, r.bottom);
    } else return;
    e.preventDefault();
    e.stopPropagation();
  };
  const onCtx = (e: React.MouseEvent) => {
    const k = keyOf(e.target);
    if (k === null) return;
    e.preventDefault();
    if (!sel.has(k)) select(k, 'only');
    onContextMenu(e.clientX, e.clientY);
  };

  return (
    <section className="panel proc-panel" aria-label="Process: CPU page table" data-key="proc">
      <h2 className="panel-title">
        Process <span className="sub">CPU page table</span>
      </h2>
      {pids.map((pid) => {
        const pages = mappedPages(world.procs[pid].pages);
        return (
          <div key={pid} className="pid-block">
            <div className="pid-head">
              pid {pid} · {pages.length} page{pages.length === 1 ? '' : 's'} mapped
            </div>
            {pages.length === 0 ? (
              <p className="empty">No VMA yet. Use mmap to map pages.</p>
            ) : pages.length > DENSE ? (
              <DensePages
                world={world}
                pid={pid}
                pages={pages}
                hl={hl}
                selected={sel}
                onContextMenu={onContextMenu}
              />
            ) : (
              <div
                className="grid page-grid"
                role="listbox"
                aria-multiselectable
                aria-label={`pid ${pid} pages`}
                onPointerDown={onPointerDown}
                onPointerOver={onPointerOver}
                onClick={onClick}
                onKeyDown={onKeyDown}
                onContextMenu={onCtx}
                onPointerLeave={() => showWhere(world, null)}
              >
                {pages.map((page) => {
                  const vp = world.procs[pid].pages[page];
                  const r = residence(vp, world);
                  const k = pageKey(pid, page);
                  return (
                    <PageCell
                      key={page}
                      pid={pid}
                      page={page}
                      state={vp.state}
                      writable={vp.writable}
                      prot={vp.prot}
                      shared={vp.shared}
                      cpu={r.cpu}
                      location={r.location}
                      dev={vp.dev}
                      home={coherentHome(vp)}
                      frame={vp.frame}
                      value={pageValue(vp, world, pid, page)}
                      selected={sel.has(pid * 65536 + page)}
                      changed={hl.changed.has(k)}
                      fault={hl.faults.has(k)}
                      pinSkip={hl.pinSkips.has(k)}
                      pins={entryPins(vp, world)}
                      focusable={page === pages[0]}
                    />
                  );
                })}
              </div>
            )}
          </div>
        );
      })}
      <PteLegend
        coherent={world.devices.some((d) => d.memory === 'coherent')}
        pins={(world.pinHandles[0] ?? 0) > 0}
      />
    </section>
  );
}
