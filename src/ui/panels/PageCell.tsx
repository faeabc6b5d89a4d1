import { memo } from 'react';
import type { CpuState } from '../../engine/state.ts';
import type { CpuVocab } from '../model/residence.ts';
import { PinBadge, pinnedText } from './PinBadge.tsx';

export interface PageCellProps {
  pid: number;
  page: number;
  state: CpuState;
  writable: boolean;
  prot: string;
  shared: boolean;
  cpu: CpuVocab;
  location: string;
  /** Device index (device-private / exclusive), for the device colour. */
  dev: number;
  /** The device whose MEMORY_DEVICE_COHERENT frame the entry maps, or -1 (model/pins.ts). */
  home: number;
  frame: number;
  value: number;
  selected: boolean;
  changed: boolean;
  fault: boolean;
  /** A migration at this step leaves the page in place because it is pinned. */
  pinSkip: boolean;
  /** Pins on the frame the entry maps (model/pins.ts entryPins). */
  pins: number;
  /** The one cell reached by Tab; the others by ↑/↓ (roving focus). */
  focusable: boolean;
}

const GLYPH: Record<CpuState, string> = {
  none: '○',
  zero: '∅',
  present: '■',
  'device-private': '◆',
  'device-exclusive': '⚛',
  migration: '⇄',
};

function label(p: PageCellProps): string {
  switch (p.state) {
    case 'none':
      return 'none';
    case 'zero':
      return 'zero';
    case 'present':
      return `${p.home >= 0 ? 'd' : 'f'}${p.frame} ${p.writable ? 'rw' : 'r'}`;
    case 'device-private':
      return `${p.location} ${p.writable ? 'w' : 'r'}`;
    case 'device-exclusive':
      return `excl`;
    case 'migration':
      return 'migrating';
  }
}

/** One virtual page: its CPU PTE state drawn by shape/pattern/glyph, plus its value. */
export const PageCell = memo(function PageCell(p: PageCellProps) {
  const cls = [
    'cell',
    'page',
    `st-${p.state}`,
    p.dev >= 0 ? `dev-c${p.dev % 4}` : '',
    p.home >= 0 ? `coherent dev-c${p.home % 4}` : '',
    p.selected ? 'selected' : '',
    p.changed ? 'changed' : '',
    p.fault ? 'fault' : '',
    p.pinSkip ? 'pin-skip' : '',
    p.prot === 'none' ? 'prot-none' : '',
  ].join(' ');
  return (
    <div
      className={cls}
      role="option"
      tabIndex={p.focusable ? 0 : -1}
      aria-selected={p.selected}
      data-testid={`page-${p.pid}-${p.page}`}
      data-key={`page-${p.pid}-${p.page}`}
      data-cpu={p.cpu}
      data-location={p.location}
      data-pinned={p.pins > 0}
      data-page={p.pid * 65536 + p.page}
      title={`page ${p.page} (0x${(p.page * 4096).toString(16)}) · VMA ${p.prot}${p.shared ? ' shared' : ''}`}
    >
      <span className="c-no">
        p{p.page}
        {(p.prot !== 'rw' || p.shared) && (
          <span className="c-prot" title={`VMA ${p.prot}${p.shared ? ' shared' : ''}`}>
            {p.prot === 'none' ? '---' : p.prot}
            {p.shared ? ' s' : ''}
          </span>
        )}
      </span>
      <PinBadge pins={p.pins} />
      {p.pinSkip && (
        <span className="c-skip" data-testid={`pin-skip-${p.pid}-${p.page}`}>
          pinned: stays
        </span>
      )}
      <span className="c-glyph" aria-hidden>
        {GLYPH[p.state]}
      </span>
      <span className="c-label">{label(p)}</span>
      <span className="c-val">{p.state === 'none' ? '' : p.value}</span>
      <span className="sr-only">
        , {p.state}
        {p.home >= 0 ? `, in ${p.location}'s coherent memory` : ''}
        {pinnedText(p.pins)}
        {p.writable ? ', writable' : ''}
      </span>
    </div>
  );
});
