import { useState } from 'react';
import type { Prot } from '../../scenario/types.ts';
import { lastStep } from '../store/lastStep.ts';
import { useLab } from '../store/store.ts';
import { driverTakes } from '../../scenario/driverOps.ts';
import { deviceDriver } from '../../scenario/types.ts';
import { describeSelection } from './describeSelection.ts';
import { DriverNote } from './DriverNote.tsx';
import { MmapForm } from './MmapForm.tsx';
import { LAB_ACTIONS } from './registry.ts';
import { useToolOptions } from './toolOptions.ts';
import { runLabAction, selectionPins } from './useRunAction.ts';

const GROUPS = [
  { id: 'cpu', label: 'CPU' },
  { id: 'gpu', label: 'Device' },
  { id: 'vma', label: 'VMA' },
  { id: 'pin', label: 'Pin' },
] as const;

/**
 * Act on the selected pages: each button appends one action to the scenario and plays it.
 * At phone width the toolbar sits at the foot of the view, folded to its selection line; the
 * Actions button unfolds the groups (controls.css `.tb-fold`; wider views never fold).
 */
export function Toolbar() {
  const [open, setOpen] = useState(false);
  const selected = useLab((s) => s.selected);
  const busy = useLab((s) => s.busy);
  const pinned = useLab((s) => selectionPins(s).length > 0);
  const atEnd = useLab((s) => !s.frame || s.frame.index >= lastStep(s.summary));
  const devices = useLab((s) => s.summary?.config.devices);
  const { device, value, prot, set } = useToolOptions();
  const dev = device ?? devices?.[0]?.name ?? '';
  const declared = devices?.find((d) => d.name === dev);
  const driver = declared ? deviceDriver(declared) : 'dmirror';
  return (
    <div
      className={open ? 'toolbar panel open' : 'toolbar panel'}
      role="toolbar"
      aria-label="Trigger accesses"
    >
      <div className="tb-sel">
        <span className={selected.length ? 'sel-on' : 'muted'}>{describeSelection(selected)}</span>
        {!atEnd && selected.length > 0 && (
          <span className="muted tb-note"> · acts on the state at the end of the run</span>
        )}
      </div>
      <button
        type="button"
        className="tb-fold"
        aria-expanded={open}
        aria-controls="tb-actions"
        onClick={() => setOpen(!open)}
      >
        Actions
      </button>
      <div className="tb-body" id="tb-actions">
        <label className="tb-field">
          value
          <input
            type="number"
            value={value}
            aria-label="value to write"
            onChange={(e) => set({ value: Number(e.target.value) | 0 })}
            style={{ width: 64 }}
          />
        </label>
        {GROUPS.map((g) => (
          <div key={g.id} className={`tb-group g-${g.id}`} role="group" aria-label={g.label}>
            <span className="tb-glabel">
              {g.id === 'gpu' && devices?.length === 1 ? dev : g.label}
            </span>
            {g.id === 'gpu' && devices && devices.length > 1 && (
              <select
                value={dev}
                onChange={(e) => set({ device: e.target.value })}
                aria-label="device"
              >
                {devices.map((d) => (
                  <option key={d.name}>{d.name}</option>
                ))}
              </select>
            )}
            {LAB_ACTIONS.filter((a) => a.group === g.id && driverTakes(driver, a.id)).map((a) => (
              <button
                type="button"
                key={a.id}
                title={a.hint}
                data-action={a.id}
                disabled={
                  busy || (a.needsPages && selected.length === 0) || (a.needsPins && !pinned)
                }
                onClick={() => runLabAction(a)}
              >
                {a.label}
              </button>
            ))}
            {g.id === 'gpu' && driver === 'svm' && <DriverNote device={dev} />}
            {g.id === 'vma' && (
              <select
                value={prot}
                aria-label="protection for mprotect"
                onChange={(e) => set({ prot: e.target.value as Prot })}
              >
                <option value="none">none</option>
                <option value="r">r</option>
                <option value="rw">rw</option>
              </select>
            )}
            {g.id === 'vma' && <MmapForm />}
          </div>
        ))}
      </div>
    </div>
  );
}
