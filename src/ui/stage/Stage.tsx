import { useCallback, useMemo, useState } from 'react';
import { ContextMenu } from '../actions/ContextMenu.tsx';
import { highlights } from '../model/highlights.ts';
import { GpuPanel } from '../panels/GpuPanel.tsx';
import { HostPanel } from '../panels/HostPanel.tsx';
import { ProcessPanel } from '../panels/ProcessPanel.tsx';
import { useLab } from '../store/store.ts';
import { Bus } from './Bus.tsx';
import { useAnimator } from './useAnimator.ts';

/** The three places side by side: process | host RAM | bus | GPU(s). */
export function Stage() {
  const frame = useLab((s) => s.frame);
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
  if (!frame) return <div className="stage loading">Loading the simulation…</div>;
  const world = frame.world;
  return (
    <div className={hl.changed.size > 24 ? 'stage calm' : 'stage'} ref={stageRef}>
      <ProcessPanel world={world} hl={hl} onContextMenu={(x, y) => setMenu({ x, y })} />
      <HostPanel world={world} hl={hl} />
      <Bus />
      <div className="gpus">
        {world.devices.map((d, i) => (
          <GpuPanel key={d.name} world={world} dev={i} hl={hl} />
        ))}
      </div>
      <canvas className="overlay tokens" aria-hidden data-testid="tokens" />
      <svg className="overlay" aria-hidden />
      {menu && <ContextMenu x={menu.x} y={menu.y} onClose={closeMenu} />}
    </div>
  );
}
