import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import type { Frame } from '../../timeline/types.ts';
import { ContextMenu } from '../actions/ContextMenu.tsx';
import { highlights } from '../model/highlights.ts';
import { GpuPanel } from '../panels/GpuPanel.tsx';
import { HostPanel } from '../panels/HostPanel.tsx';
import { ProcessPanel } from '../panels/ProcessPanel.tsx';
import { useLab } from '../store/store.ts';
import { evictionOf } from '../svm/eviction.ts';
import { Bus } from './Bus.tsx';
import { useAnimator } from './useAnimator.ts';

/** Above this many changes a step's stage renders in slices (see Stage). */
const BIG_STEP = 64;
const isBig = (f: Frame | null) => !!f && f.waypoint.changes.length > BIG_STEP;

/** The three places side by side: process | host RAM | bus | GPU(s). */
export function Stage() {
  const latest = useLab((s) => s.frame);
  // A step that rewrites hundreds of records (256 pages migrating) takes React longer than a
  // frame to render: let it render in slices between frames, so the pages already in flight
  // keep moving. Small steps render at once, as they always did.
  const deferred = useDeferredValue(latest);
  // While such a render is still on its way, later steps join it rather than force it
  // through at once. (Caught up, the deferred value of an urgent render is the last step's.)
  const [seen, setSeen] = useState({ latest, before: latest });
  if (seen.latest !== latest) setSeen({ latest, before: seen.latest });
  const behind = deferred !== latest && deferred !== seen.latest && deferred !== seen.before;
  // Leaving a big step costs as much as arriving: every cell it rang is drawn again without
  // its ring (the step after migrate_vma_finalize took 13–34 ms rendered at once).
  const big = isBig(latest) || isBig(seen.before);
  // Nothing is on screen yet (a run just opened; its step 0 registers every device frame):
  // there is no motion to keep going, so the first frame renders at once, not in slices.
  const frame = (big || behind) && deferred ? deferred : latest;
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);
  const scenario = useLab((s) => s.scenario);
  const hl = useMemo(() => {
    const wp = frame?.waypoint;
    const a = wp && wp.action >= 0 ? scenario?.actions[wp.action] : undefined;
    const pages =
      a && 'start' in a
        ? Array.from({ length: Math.min(a.count ?? 1, 2) }, (_, i) => a.start + i)
        : [];
    const names = frame?.world.devices.map((d) => d.name) ?? [];
    return highlights(wp, a?.pid ?? 1, names, pages);
  }, [frame, scenario]);
  const stageRef = useAnimator();
  const closeMenu = useCallback(() => setMenu(null), []);
  const openMenu = useCallback((x: number, y: number) => setMenu({ x, y }), []);
  const world = frame?.world;
  const eviction = useMemo(() => evictionOf(frame?.waypoint), [frame]);
  // The same elements while the deferred frame has not caught up: React skips the panels.
  const panels = useMemo(
    () =>
      world && (
        <>
          <ProcessPanel world={world} hl={hl} onContextMenu={openMenu} />
          <HostPanel world={world} hl={hl} />
          <Bus memories={world.devices.map((d) => d.memory)} />
          <div className="gpus">
            {world.devices.map((d, i) => (
              <GpuPanel key={d.name} world={world} dev={i} hl={hl} eviction={eviction} />
            ))}
          </div>
        </>
      ),
    [world, hl, eviction, openMenu],
  );
  if (!frame) return <div className="stage loading">Loading the simulation…</div>;
  return (
    <div
      className={hl.changed.size > 24 ? 'stage calm' : 'stage'}
      ref={stageRef}
      data-testid="stage"
      data-step={frame.index}
    >
      {panels}
      <canvas className="overlay tokens" aria-hidden data-testid="tokens" width={0} height={0} />
      <svg className="overlay" aria-hidden />
      {menu && <ContextMenu x={menu.x} y={menu.y} onClose={closeMenu} />}
    </div>
  );
}
