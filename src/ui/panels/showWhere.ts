import type { World } from '../../engine/state.ts';
import { hoverPointer } from '../anim/animator.ts';
import { devKey, hostKey, pageKey, ZERO_KEY } from '../model/keys.ts';

/** Point from a hovered page to the frame its CPU entry maps (nothing for none). */
export function showWhere(world: World, key: number | null) {
  const stage = document.querySelector<HTMLElement>('.stage');
  const svg = stage?.querySelector<SVGSVGElement>('svg.overlay');
  if (!stage || !svg) return;
  if (key === null) return hoverPointer(stage, svg, null, null);
  const pid = Math.floor(key / 65536);
  const page = key % 65536;
  const vp = world.procs[pid]?.pages[page];
  let to: string | null = null;
  if (vp?.state === 'zero') to = ZERO_KEY;
  else if (vp && vp.frame >= 0)
    to =
      vp.state === 'device-private' || (vp.state === 'migration' && vp.dev >= 0)
        ? devKey(vp.dev, vp.frame)
        : hostKey(vp.frame);
  hoverPointer(stage, svg, pageKey(pid, page), to);
}
