import { useEffect, useRef } from 'react';
import { useLab } from '../store/store.ts';
import { driverTakes } from '../../scenario/driverOps.ts';
import { deviceDriver } from '../../scenario/types.ts';
import { describeSelection } from './describeSelection.ts';
import { LAB_ACTIONS, type LabAction } from './registry.ts';
import { useToolOptions } from './toolOptions.ts';
import { runLabAction, selectionPins } from './useRunAction.ts';

const PREFIX: Record<LabAction['group'], string> = { cpu: 'CPU', gpu: '', vma: '', pin: '' };

/** Right-click menu on selected pages: the toolbar's actions, one entry per device. */
export function ContextMenu({ x, y, onClose }: { x: number; y: number; onClose(): void }) {
  const ref = useRef<HTMLDivElement>(null);
  const selected = useLab((s) => s.selected);
  const devices = useLab((s) => s.summary?.config.devices ?? []);
  const value = useToolOptions((s) => s.value);
  const prot = useToolOptions((s) => s.prot);
  const pins = useLab((s) => selectionPins(s).join(' '));

  useEffect(() => {
    ref.current?.querySelector('button')?.focus();
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent && e.key !== 'Escape') return;
      if (e instanceof PointerEvent && ref.current?.contains(e.target as Node)) return;
      onClose();
    };
    window.addEventListener('pointerdown', close);
    window.addEventListener('keydown', close);
    return () => {
      window.removeEventListener('pointerdown', close);
      window.removeEventListener('keydown', close);
    };
  }, [onClose]);

  const items: { key: string; label: string; run(): void }[] = [];
  for (const a of LAB_ACTIONS) {
    if (a.needsPins && !pins) continue;
    // A device is offered only the ops its driver takes (an svm device: no migrate, exclusive).
    const targets = a.needsDevice
      ? devices.filter((d) => driverTakes(deviceDriver(d), a.id)).map((d) => d.name)
      : [null];
    for (const d of targets) {
      let label = `${PREFIX[a.group]} ${a.label}`.trim();
      if (a.group === 'gpu') label = `${d}: ${a.label}`;
      if (a.id.endsWith('write')) label += ` ${value}`;
      if (a.id === 'mprotect') label += ` ${prot}`;
      if (a.needsPins) label += ` (handle ${pins.replaceAll(' ', ', ')})`;
      items.push({
        key: `${a.id}:${d}`,
        label,
        run: () => {
          if (d) useToolOptions.getState().set({ device: d });
          runLabAction(a);
          onClose();
        },
      });
    }
  }
  const left = Math.min(x, window.innerWidth - 220);
  const top = Math.min(y, window.innerHeight - items.length * 28 - 40);
  return (
    <div
      ref={ref}
      className="ctx-menu"
      role="menu"
      style={{ left, top }}
      aria-label="Page actions"
      onKeyDown={(e) => {
        // ↑/↓ walk the menu; arrows must not also step the timeline behind it.
        if (!e.key.startsWith('Arrow')) return;
        e.preventDefault();
        e.stopPropagation();
        const buttons = [...(ref.current?.querySelectorAll('button') ?? [])];
        const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
        const next = e.key === 'ArrowDown' ? at + 1 : e.key === 'ArrowUp' ? at - 1 : at;
        buttons[(next + buttons.length) % buttons.length]?.focus();
      }}
    >
      <div className="ctx-head muted">{describeSelection(selected)}</div>
      {devices
        .filter((d) => deviceDriver(d) === 'svm')
        .map((d) => (
          <div key={d.name} className="ctx-head muted" data-testid="ctx-driver-note">
            {d.name} (svm) migrates on a GPU fault: no migrate or exclusive
          </div>
        ))}
      {items.map((it) => (
        <button type="button" role="menuitem" key={it.key} onClick={it.run}>
          {it.label}
        </button>
      ))}
    </div>
  );
}
