import { memo } from 'react';
import type { Device, DevPage, World } from '../../engine/state.ts';
import type { Highlights } from '../model/highlights.ts';
import { devKey, devPtKey, freeListKey, numberAfter, seqKey } from '../model/keys.ts';
import { perObject } from '../model/perObject.ts';
import { mappersShort, mappersText, owners } from '../model/residence.ts';
import { useLab } from '../store/store.ts';
import { DevicePageTable } from './DevicePageTable.tsx';
import { idleFrameText } from '../model/idleFrame.ts';
import { kernelRefcount } from '../model/pins.ts';
import { MemoryKind } from './MemoryKind.tsx';
import { PinBadge, pinnedText } from './PinBadge.tsx';
import { CanvasGrid } from '../grid/CanvasGrid.tsx';
import { DENSE, devPaint } from '../grid/paints.ts';
import { ringsOf } from '../grid/rings.ts';
import type { Eviction } from '../svm/eviction.ts';
import { SvmChunks } from '../svm/SvmChunks.tsx';

interface DevFrameProps {
  dev: number;
  frame: number;
  ref_: number;
  zdd: string | null;
  value: number;
  /** Who maps the frame, every one of them (for screen readers). */
  owner: string;
  /** The same, as it fits in the cell. */
  label: string;
  locked: boolean;
  changed: boolean;
  freed: boolean;
  pins: number;
  /** What an unused frame is: on dmirror's free list, or svm's free VRAM / an empty chunk slot. */
  idle: string;
}

const DevFrame = memo(function DevFrame(p: DevFrameProps) {
  const used = p.zdd !== null || p.ref_ > 0;
  const cls = [
    'cell',
    'dframe',
    `dev-c${p.dev % 4}`,
    used ? 'used' : 'free',
    p.locked ? 'locked' : '',
    p.changed ? 'changed' : '',
    p.freed ? 'freed' : '',
  ].join(' ');
  return (
    <div
      className={cls}
      data-key={devKey(p.dev, p.frame)}
      data-dframe={p.frame}
      aria-label={`device frame ${p.frame}: ${used ? `${p.owner || 'unmapped'}, refcount ${kernelRefcount({ ref: p.ref_, pins: p.pins })}${pinnedText(p.pins)}, zone_device_data ${p.zdd}` : p.idle}`}
    >
      <span className="c-no">d{p.frame}</span>
      {used && <span className="c-label">{p.label || '–'}</span>}
      {used && (
        <span className={p.pins ? 'c-ref biased' : 'c-ref'}>
          ref {kernelRefcount({ ref: p.ref_, pins: p.pins })}
        </span>
      )}
      <PinBadge pins={p.pins} />
      {used && <span className="c-zdd">{p.zdd ?? '—'}</span>}
      {used && <span className="c-val">{p.value}</span>}
      {p.locked && (
        <span className="c-lock" title="locked (PG_locked)">
          L
        </span>
      )}
    </div>
  );
});

/** How many frames the free list shows before "+n". */
const SHOWN = 10;

interface FreeFrames {
  count: number;
  /** The first SHOWN of them, in order. */
  first: number[];
}

/** The free list's length and head; once per frames array (a step copies only the ones it
 *  changes). Counted, not listed: a 4096-frame device would build a 4096-entry array a step. */
const freeFrames = perObject((frames: DevPage[]): FreeFrames => {
  const free: FreeFrames = { count: 0, first: [] };
  for (let i = 0; i < frames.length; i++) {
    if (frames[i].zdd !== null || frames[i].ref !== 0) continue;
    if (free.count++ < SHOWN) free.first.push(i);
  }
  return free;
});

function FreeList({ dev, d, changed }: { dev: number; d: Device; changed: boolean }) {
  const { count, first: shown } = freeFrames(d.frames);
  return (
    <div
      className={`freelist ${changed ? 'changed' : ''}`}
      data-key={freeListKey(dev)}
      aria-label={`free list: ${count} frames`}
    >
      <span className="fl-head">free list</span>
      {count === 0 && <span className="muted">empty</span>}
      {shown.map((f, i) => (
        <span key={f} className="fl-item">
          {i > 0 && <span className="fl-arrow">→</span>}d{f}
        </span>
      ))}
      {count > shown.length && <span className="muted">→ … +{count - shown.length}</span>}
    </div>
  );
}

/** One GPU: its device-private frames (struct page in ZONE_DEVICE), free list, page table. */
export function GpuPanel(props: {
  world: World;
  dev: number;
  hl: Highlights;
  eviction?: Eviction | null;
}) {
  const { world, dev, hl } = props;
  const setInspect = useLab((s) => s.setInspect);
  const d = world.devices[dev];
  const own = () => owners(world).dev[dev];
  const multi = Object.keys(world.procs).length > 1;
  const prefix = devKey(dev, 0).slice(0, -1);
  const devIndex = (key: string) => numberAfter(key, prefix);
  const used = d.frames.length - freeFrames(d.frames).count;
  const onClick = (e: React.MouseEvent) => {
    const el = (e.target as HTMLElement).closest('[data-dframe]') as HTMLElement | null;
    if (el) setInspect({ kind: 'dev', dev, frame: Number(el.dataset.dframe) });
  };
  return (
    <section
      className={`panel gpu-panel dev-c${dev % 4}${d.memory === 'coherent' ? ' coherent' : ''}`}
      aria-label={`${d.name}`}
      data-key={`gpu-${dev}`}
    >
      <h2 className="panel-title">
        <span className="dev-name">{d.name}</span>
        <MemoryKind memory={d.memory} />
        {d.driver === 'svm' && (
          <span className="sub" data-testid={`driver-${d.name}`}>
            svm driver (drm_gpusvm) · ranges ≤ {d.chunk} pages
          </span>
        )}
        <span
          className={`sub seq ${hl.changed.has(seqKey(dev)) ? 'changed' : ''}`}
          data-key={seqKey(dev)}
        >
          notifier seq {d.seq}
        </span>
      </h2>
      {d.frames.length === 0 ? (
        <p className="empty">Not registered yet (memremap_pages).</p>
      ) : (
        <>
          {d.frames.length > DENSE ? (
            <CanvasGrid
              count={d.frames.length}
              ariaLabel={`${d.name}: ${d.frames.length} device frames`}
              indexOf={devIndex}
              item={(i) => d.frames[i]}
              rings={ringsOf(
                [
                  [hl.changed, 'changed'],
                  [hl.freed, 'freed'],
                ],
                devIndex,
              )}
              paint={(i, ring) => devPaint(d.frames[i], dev, ring, d.memory)}
              label={(i) => {
                const f = d.frames[i];
                const o = mappersText(own()?.get(i) ?? [], multi);
                return f.zdd
                  ? `d${i}: ${o || 'unmapped'}, ref ${kernelRefcount(f)}${pinnedText(f.pins)}, zone_device_data ${f.zdd}`
                  : `d${i}: ${idleFrameText(world, dev, i)}`;
              }}
              onPick={(i) => setInspect({ kind: 'dev', dev, frame: i })}
            />
          ) : (
            <div className="grid dframe-grid" onClick={onClick}>
              {d.frames.map((f, i) => (
                <DevFrame
                  key={i}
                  dev={dev}
                  frame={i}
                  ref_={f.ref}
                  zdd={f.zdd}
                  value={f.value}
                  owner={mappersText(own()?.get(i) ?? [], multi)}
                  label={mappersShort(own()?.get(i) ?? [], multi)}
                  locked={f.locked}
                  changed={hl.changed.has(devKey(dev, i))}
                  freed={hl.freed.has(devKey(dev, i))}
                  pins={f.pins}
                  idle={f.zdd === null ? idleFrameText(world, dev, i) : ''}
                />
              ))}
            </div>
          )}
          <div className="gpu-meta muted">
            {used} / {d.frames.length} frames in use
          </div>
          {d.driver === 'svm' ? (
            <SvmChunks
              world={world}
              dev={dev}
              eviction={props.eviction ?? null}
              changed={hl.changed.has(freeListKey(dev))}
            />
          ) : (
            <FreeList dev={dev} d={d} changed={hl.changed.has(freeListKey(dev))} />
          )}
        </>
      )}
      <DevicePageTable
        dev={dev}
        device={d}
        hl={hl}
        invalidated={hl.invalidated.has(dev)}
        changed={hl.changed.has(devPtKey(dev))}
        fault={hl.faults.has(devPtKey(dev))}
      />
    </section>
  );
}
