import type { Device, DevPte } from '../../engine/state.ts';
import { ptKeyPage, ptKeyPid } from '../../engine/state.ts';
import type { Highlights } from '../model/highlights.ts';
import { devPtKey, dpteKey } from '../model/keys.ts';
import { perObject } from '../model/perObject.ts';
import { useLab } from '../store/store.ts';
import { useRowWindow, type RowMetrics } from './rowWindow.ts';

/** Must agree with .devpt-rows and .devpt-row in gpu.css. */
const ROWS: RowMetrics = { pitch: 23, minCol: 132, gapX: 8, view: 180, overscan: 2, grow: 8 };

/** Where an entry points; another device's coherent frame, mapped in place, names its device. */
function target(e: DevPte, dev: number, names: readonly string[]): string {
  if (e.target === 'zero') return 'zero';
  if (e.target !== 'dev') return `f${e.frame}`;
  return e.loc >= 0 && e.loc !== dev
    ? `${names[e.loc] ?? `dev${e.loc}`}.d${e.frame}`
    : `d${e.frame}`;
}

const NO_NAMES: readonly string[] = [];

function Bits({ e }: { e: DevPte }) {
  return (
    <span
      className="bits"
      aria-label={`read${e.writable ? ', write' : ''}${e.atomic ? ', atomic' : ''}`}
    >
      <span className="bit on">r</span>
      <span className={`bit ${e.writable ? 'on' : ''}`}>w</span>
      <span className={`bit ${e.atomic ? 'on atomic' : ''}`}>a</span>
    </span>
  );
}

interface Props {
  dev: number;
  device: Device;
  hl: Highlights;
  invalidated: boolean;
  changed: boolean;
  fault: boolean;
}

/** The table's keys in order; once per table object (a step copies only the tables it changes). */
const sortedKeys = perObject((pt: Device['pt']) =>
  Object.keys(pt)
    .map(Number)
    .sort((a, b) => a - b),
);

/** The device's mirror of the CPU page table (dmirror's xarray), with r/w/atomic bits. */
export function DevicePageTable({ dev, device, hl, invalidated, changed, fault }: Props) {
  const setInspect = useLab((s) => s.setInspect);
  const devices = useLab((s) => s.summary?.config.devices);
  const names = devices?.map((d) => d.name) ?? NO_NAMES;
  const keys = sortedKeys(device.pt);
  const ghosts = hl.zapped.filter((z) => z.dev === dev);
  const multi = keys.some((k) => ptKeyPid(k) !== 1);
  const name = (k: number) => (multi ? `${ptKeyPid(k)}:p${ptKeyPage(k)}` : `p${ptKeyPage(k)}`);
  // Live entries, then the ones this step zapped (struck through).
  const count = keys.length + ghosts.length;
  const { ref, onScroll, win } = useRowWindow(count, ROWS);
  return (
    <div
      className={`devpt ${invalidated ? 'invalidated' : ''} ${changed ? 'changed' : ''} ${fault ? 'fault' : ''}`}
      data-key={devPtKey(dev)}
      aria-label={`${device.name} device page table`}
    >
      <div className="devpt-head">
        device page table{' '}
        <span className="muted">
          · {keys.length} {keys.length === 1 ? 'entry' : 'entries'}
        </span>
      </div>
      {keys.length === 0 && ghosts.length === 0 && (
        <div className="muted devpt-empty">empty: the device has not faulted anything in</div>
      )}
      <div
        className="devpt-rows"
        ref={ref}
        onScroll={onScroll}
        tabIndex={count > win.to - win.from ? 0 : undefined}
        role="group"
        aria-label={`${device.name} entries`}
      >
        <div className="devpt-space" style={{ height: win.height }}>
          <div
            className="devpt-window"
            style={{
              transform: `translateY(${win.offset}px)`,
              gridTemplateColumns: `repeat(${win.cols}, minmax(0, 1fr))`,
            }}
          >
            {Array.from({ length: win.to - win.from }, (_, j) => {
              const i = win.from + j;
              if (i >= keys.length) {
                const g = ghosts[i - keys.length];
                return (
                  <div
                    key={`z${g.key}`}
                    className="devpt-row zapped"
                    data-key={dpteKey(dev, g.key)}
                    aria-label={`${name(g.key)} zapped`}
                  >
                    <span className="mono">{name(g.key)}</span>
                    <span className="arrow">→</span>
                    <span className="mono tgt">{target(g.before, dev, names)}</span>
                    <span className="zap-tag">zapped</span>
                  </div>
                );
              }
              const k = keys[i];
              const e = device.pt[k];
              const dk = dpteKey(dev, k);
              return (
                <button
                  type="button"
                  key={k}
                  className={`devpt-row t-${e.target} ${hl.changed.has(dk) ? 'changed' : ''}`}
                  data-key={dk}
                  data-testid={`dpte-${device.name}-${ptKeyPid(k)}-${ptKeyPage(k)}`}
                  onClick={() => setInspect({ kind: 'dpte', dev, key: k })}
                >
                  <span className="mono">{name(k)}</span>
                  <span className="arrow">→</span>
                  <span className="mono tgt">{target(e, dev, names)}</span>
                  <Bits e={e} />
                </button>
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}
