// Dense-mode paint of pages and frames: the same encoding as the DOM cells, reduced to a few
// pixels (fill = where the data is, stripes = device-private, dot = zero page, cross = migrating;
// a device-coherent page or frame is a solid fill in its device's colour; an ink corner = pinned).
import type { DevPage, HostPage, VPage } from '../../engine/state.ts';
import type { DeviceMemory } from '../../scenario/types.ts';
import type { CellPaint } from './paint.ts';

const devVar = (d: number) => `--dev${d % 4}`;

export function pagePaint(vp: VPage, ring: CellPaint['ring']): CellPaint {
  switch (vp.state) {
    case 'none':
      return { stroke: '--faint', dashed: true, ring };
    case 'zero':
      return { stroke: '--zero', dot: '--zero', ring };
    case 'present':
      if (vp.loc >= 0)
        return { fill: devVar(vp.loc), half: !vp.writable, stroke: devVar(vp.loc), ring };
      return { fill: '--host', half: !vp.writable, stroke: '--host', ring };
    case 'device-private':
      return { stripe: devVar(vp.dev), stroke: devVar(vp.dev), ring };
    case 'device-exclusive':
      return { fill: '--host', stroke: devVar(vp.dev), ring };
    case 'migration':
      return { cross: true, stroke: '--ink', ring };
  }
}

/** `paint` with the pin corner when the frame is pinned (and no key at all when it is not). */
const pinned = (paint: CellPaint, pins: number): CellPaint =>
  pins > 0 ? { ...paint, pin: true } : paint;

export function hostPaint(f: HostPage, ring: CellPaint['ring']): CellPaint {
  return f.ref > 0
    ? pinned({ fill: '--host', stroke: '--host', ring }, f.pins)
    : { stroke: '--line', ring };
}

export function devPaint(
  f: DevPage,
  dev: number,
  ring: CellPaint['ring'],
  memory: DeviceMemory = 'private',
): CellPaint {
  if (f.zdd === null && f.ref === 0) return { stroke: '--line', ring };
  return pinned(
    memory === 'coherent'
      ? { fill: devVar(dev), stroke: devVar(dev), ring }
      : { stripe: devVar(dev), stroke: devVar(dev), ring },
    f.pins,
  );
}

/** Above this many cells a grid is drawn on canvas. */
export const DENSE = 256;
