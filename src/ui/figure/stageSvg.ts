// The stage at one step as SVG, drawn from the world (not rasterised from the DOM): every
// label stays text. Process pages | host RAM | each GPU, with the caption above.
import type { DevPage, HostPage, VPage, World } from '../../engine/state.ts';
import { kernelRefcount } from '../model/pins.ts';
import { caption, esc, svgDoc, text, type Caption } from './svg.ts';

const CELL_W = 74;
const CELL_H = 40;
const GAP = 6;
const COLS = 4;

type Col = (v: string) => string;

function cell(
  x: number,
  y: number,
  label: string,
  sub: string,
  stroke: string,
  fill: string,
  col: Col,
  dashed = false,
) {
  return (
    `<rect x="${x}" y="${y}" width="${CELL_W}" height="${CELL_H}" rx="6" fill="${fill}" ` +
    `stroke="${stroke}" stroke-width="1.5"${dashed ? ' stroke-dasharray="4 3"' : ''}/>` +
    text(x + 6, y + 15, label, { 'font-size': 11, 'font-weight': 700, fill: col('--ink') }) +
    text(x + 6, y + 31, sub.length > 11 ? `${sub.slice(0, 10)}…` : sub, {
      'font-size': 10,
      'font-family': 'monospace',
      fill: col('--muted'),
    }) +
    (sub.length > 11 ? `<title>${esc(sub)}</title>` : '')
  );
}

function pageLabel(p: VPage, world: World): [string, string] {
  const dev = world.devices[p.dev]?.name ?? '';
  switch (p.state) {
    case 'present':
      // A device-coherent frame, mapped by an ordinary present PTE.
      if (p.loc >= 0) return [`${world.devices[p.loc]?.name} d${p.frame}`, `--dev${p.loc % 4}`];
      return [`host f${p.frame}`, '--host'];
    case 'device-private':
      return [`${dev} d${p.frame}`, `--dev${p.dev % 4}`];
    case 'device-exclusive':
      return [`excl ${dev}`, `--dev${p.dev % 4}`];
    case 'migration':
      return ['migrating', '--inval'];
    case 'zero':
      return ['zero page', '--zero'];
    default:
      return ['none', '--faint'];
  }
}

/** A used frame's refcount as the kernel's folio reads it, with its pins. */
const usedText = (f: HostPage | DevPage) =>
  f.pins ? `pin ${f.pins} · ref ${kernelRefcount(f)}` : `ref ${f.ref} · ${f.value}`;

function column(title: string, x: number, y: number, cells: string[], col: Col): [string, number] {
  const rows = Math.ceil(cells.length / COLS);
  const h = 34 + rows * (CELL_H + GAP);
  const w = COLS * (CELL_W + GAP) + 14;
  const out =
    `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="10" fill="${col('--panel')}" stroke="${col('--line')}"/>` +
    text(x + 12, y + 22, title, { 'font-size': 12, 'font-weight': 700, fill: col('--muted') }) +
    cells.join('');
  return [out, h];
}

const at = (x: number, y: number, i: number): [number, number] => [
  x + 10 + (i % COLS) * (CELL_W + GAP),
  y + 32 + Math.floor(i / COLS) * (CELL_H + GAP),
];

export function stageSvg(world: World, c: Caption, col: Col): string {
  const colW = COLS * (CELL_W + GAP) + 14;
  const width = 20 + (2 + world.devices.length) * (colW + 16);
  const [cap, top] = caption(c, width, col);
  const y = top + 10;
  const parts: string[] = [cap];
  let height = 0;
  let x = 20;
  const procCells: string[] = [];
  for (const proc of Object.values(world.procs))
    for (const [n, p] of Object.entries(proc.pages)) {
      const [sub, tone] = pageLabel(p, world);
      const [cx, cy] = at(x, y, procCells.length);
      procCells.push(
        cell(
          cx,
          cy,
          `pid ${proc.pid} p${n}`,
          sub,
          col(tone),
          col('--panel-2'),
          col,
          p.state === 'none',
        ),
      );
    }
  const add = ([svg, h]: [string, number]) => {
    parts.push(svg);
    height = Math.max(height, h);
    x += colW + 16;
  };
  add(column('PROCESS · CPU page table', x, y, procCells, col));
  const host = world.hostFrames.map((f: HostPage, i) => {
    const [cx, cy] = at(x, y, i);
    const used = f.ref > 0;
    return cell(
      cx,
      cy,
      `f${i}`,
      used ? usedText(f) : 'free',
      col(used ? '--host' : '--faint'),
      col('--panel-2'),
      col,
      !used,
    );
  });
  add(column(`HOST RAM · ${world.hostFrames.length} frames`, x, y, host, col));
  world.devices.forEach((d, k) => {
    const cells = d.frames.map((f: DevPage, i) => {
      const [cx, cy] = at(x, y, i);
      const used = f.zdd !== null;
      return cell(
        cx,
        cy,
        `d${i}`,
        used ? (f.pins ? `${usedText(f)} · ${f.zdd}` : `${f.zdd}`) : 'free',
        col(used ? `--dev${k % 4}` : '--faint'),
        col('--panel-2'),
        col,
        !used,
      );
    });
    const kind = d.memory === 'coherent' ? 'device-coherent memory' : 'device memory';
    add(column(`${d.name.toUpperCase()} · ${kind}`, x, y, cells, col));
  });
  return svgDoc(width, y + height + 20, col('--bg'), parts.join(''));
}
