import { memo } from 'react';
import type { World } from '../../engine/state.ts';
import type { Highlights } from '../model/highlights.ts';
import { hostKey, numberAfter, ZERO_KEY } from '../model/keys.ts';
import {
  mappersShort,
  owners,
  mappersText,
  shmemFrames,
  zeroMappers,
  type PageRef,
} from '../model/residence.ts';
import { kernelRefcount } from '../model/pins.ts';
import { useLab } from '../store/store.ts';
import { PinBadge, pinnedText } from './PinBadge.tsx';
import { CanvasGrid } from '../grid/CanvasGrid.tsx';
import { DENSE, hostPaint } from '../grid/paints.ts';
import { ringsOf } from '../grid/rings.ts';

const HOST_PREFIX = hostKey(0).slice(0, -1);
const hostIndex = (key: string) => numberAfter(key, HOST_PREFIX);

interface FrameProps {
  frame: number;
  used: boolean;
  ref_: number;
  locked: boolean;
  value: number;
  /** Who maps the frame, every one of them (for screen readers). */
  owner: string;
  /** The same, as it fits in the cell. */
  label: string;
  /** Device holding the frame through a device-exclusive entry, or -1. */
  exclusive: number;
  changed: boolean;
  pins: number;
}

const HostFrame = memo(function HostFrame(p: FrameProps) {
  const cls = [
    'cell',
    'frame',
    p.used ? 'used' : 'free',
    p.locked ? 'locked' : '',
    p.exclusive >= 0 ? `exclusive dev-c${p.exclusive % 4}` : '',
    p.changed ? 'changed' : '',
  ].join(' ');
  return (
    <div
      className={cls}
      data-key={hostKey(p.frame)}
      data-frame={p.frame}
      aria-label={`host frame ${p.frame}: ${p.used ? `used by ${p.owner || (p.pins ? 'a pin only' : 'kernel')}, refcount ${kernelRefcount({ ref: p.ref_, pins: p.pins })}${pinnedText(p.pins)}` : 'free'}`}
    >
      <span className="c-no">f{p.frame}</span>
      <PinBadge pins={p.pins} />
      {p.used && <span className="c-label">{p.label || '·'}</span>}
      {p.used && <span className="c-val">{p.value}</span>}
      {p.locked && (
        <span className="c-lock" title="locked (PG_locked)">
          L
        </span>
      )}
    </div>
  );
});

function exclusiveHolder(world: World, refs: PageRef[]): number {
  for (const r of refs) {
    const vp = world.procs[r.pid]?.pages[r.page];
    if (vp?.state === 'device-exclusive') return vp.dev;
  }
  return -1;
}

/** Host RAM: the shared zero page and every frame, free or used, with its owner. */
export function HostPanel({ world, hl }: { world: World; hl: Highlights }) {
  const setInspect = useLab((s) => s.setInspect);
  const dense = world.hostFrames.length > DENSE;
  const zero = zeroMappers(world);
  const multi = Object.keys(world.procs).length > 1;
  const free = world.hostFrames.filter((f) => f.ref === 0).length;
  const onClick = (e: React.MouseEvent) => {
    const el = (e.target as HTMLElement).closest('[data-frame]') as HTMLElement | null;
    if (el) setInspect({ kind: 'host', frame: Number(el.dataset.frame) });
  };
  return (
    <section className="panel host-panel" aria-label="Host RAM">
      <h2 className="panel-title">
        Host RAM{' '}
        <span className="sub">
          {free} / {world.hostFrames.length} free
        </span>
      </h2>
      <button
        type="button"
        className={`zero-page ${zero.length ? 'mapped' : ''}`}
        data-key={ZERO_KEY}
        onClick={() => setInspect({ kind: 'zero' })}
      >
        <span className="c-glyph" aria-hidden>
          ∅
        </span>
        <span>
          zero page
          <span className="muted">
            {zero.length ? ` · mapped by ${mappersText(zero, multi)}` : ' · unmapped'}
          </span>
        </span>
      </button>
      {dense ? (
        <CanvasGrid
          count={world.hostFrames.length}
          ariaLabel={`${world.hostFrames.length} host frames`}
          indexOf={hostIndex}
          item={(i) => world.hostFrames[i]}
          rings={ringsOf([[hl.changed, 'changed']], hostIndex)}
          paint={(i, ring) => hostPaint(world.hostFrames[i], ring)}
          label={(i) => {
            const f = world.hostFrames[i];
            const o = mappersText(owners(world).host.get(i) ?? [], multi);
            const by = o || (shmemFrames(world).has(i) ? 'shmem page cache' : 'used');
            return f.ref
              ? `f${i}: ${by}, refcount ${kernelRefcount(f)}${pinnedText(f.pins)}, value ${f.value}`
              : `f${i}: free`;
          }}
          onPick={(i) => setInspect({ kind: 'host', frame: i })}
        />
      ) : (
        <div className="grid frame-grid" onClick={onClick}>
          {world.hostFrames.map((f, i) => {
            const o = owners(world).host.get(i) ?? [];
            const cached = o.length === 0 && shmemFrames(world).has(i);
            return (
              <HostFrame
                key={i}
                frame={i}
                used={f.ref > 0}
                ref_={f.ref}
                locked={f.locked}
                value={f.value}
                owner={cached ? 'shmem' : mappersText(o, multi)}
                label={cached ? 'shmem' : mappersShort(o, multi)}
                exclusive={exclusiveHolder(world, o)}
                changed={hl.changed.has(hostKey(i))}
                pins={f.pins}
              />
            );
          })}
        </div>
      )}
    </section>
  );
}
