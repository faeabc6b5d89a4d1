// `diff a b`: run two scenarios and say where their runs part and how the final pages, frames
// and counters differ. The document (--json, `hmm-lab/diff@1`) is built in a fixed key order.
import type { RunReport } from '../engine/result.ts';
import type { Scenario } from '../scenario/types.ts';
import {
  diffStates,
  findParting,
  statesDiffer,
  type CountDiff,
  type PageDiff,
  type Parting,
  type StateDiff,
  type TraceView,
} from '../timeline/diff.ts';
import { runScenario } from '../timeline/run.ts';
import { columns } from './table.ts';

interface RunSide {
  file: string;
  title: string | null;
  waypoints: number;
  traceHash: string;
}

/** diff@1 as the contract has it: the pages that differ, all listed (no count beside them). */
export interface DiffDocument extends Omit<StateDiff, 'differ'> {
  format: 'hmm-lab/diff@1';
  identical: boolean;
  left: RunSide;
  right: RunSide;
  parting: Parting | null;
}

function traceOf(r: RunReport): TraceView {
  const rows = r.trace ?? [];
  return {
    count: rows.length,
    at: (i) => ({ action: rows[i].action, fn: rows[i].fn, text: rows[i].text }),
  };
}

function side(file: string, s: Scenario, r: RunReport): RunSide {
  return { file, title: s.title ?? null, waypoints: r.waypoints, traceHash: r.traceHash };
}

export function diffRuns(
  a: { file: string; scenario: Scenario },
  b: { file: string; scenario: Scenario },
): DiffDocument {
  const ra = runScenario(a.scenario, { trace: true });
  const rb = runScenario(b.scenario, { trace: true });
  const state = diffStates(ra, rb);
  const parting = findParting(traceOf(ra), traceOf(rb));
  return {
    format: 'hmm-lab/diff@1',
    identical: parting === null && !statesDiffer(state),
    left: side(a.file, a.scenario, ra),
    right: side(b.file, b.scenario, rb),
    parting,
    pages: state.pages,
    frames: state.frames,
    seq: state.seq,
    counters: state.counters,
  };
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));
const num = (n: number | null) => (n === null ? '—' : String(n));

function pageText(p: PageDiff['left']): string {
  if (!p) return 'not mapped';
  return `${p.cpu} ${p.location} value=${p.value}${p.writable ? ' rw' : ' ro'}`;
}

function countLines(title: string, list: CountDiff[], all: boolean): string[] {
  const shown = all
    ? list
    : list.filter((c) => c.delta !== 0 || c.left === null || c.right === null);
  if (shown.length === 0) return [`${title}: same`];
  const rows = shown.map((c) => [c.name, num(c.left), '→', num(c.right), `(${signed(c.delta)})`]);
  return [`${title}:`, ...columns(rows).map((l) => '  ' + l)];
}

function sideLine(name: string, s: RunSide): string {
  const title = s.title ? ` "${s.title}"` : '';
  return `${name}: ${s.file}${title} — ${s.waypoints} waypoints, traceHash ${s.traceHash}`;
}

export function formatDiff(d: DiffDocument): string {
  const out = [sideLine('left ', d.left), sideLine('right', d.right), ''];
  if (d.identical) {
    out.push('The two runs are identical: same waypoints, same final state.');
    return out.join('\n') + '\n';
  }
  if (d.parting) {
    const p = d.parting;
    const at = (s: Parting['left']) =>
      s ? `action ${s.action}  ${s.fn}: ${s.text}` : '(this run has ended)';
    out.push(
      `The runs part at waypoint ${p.seq}:`,
      `  left   ${at(p.left)}`,
      `  right  ${at(p.right)}`,
    );
  } else {
    out.push('The runs take the same waypoints.');
  }
  out.push('');
  if (d.pages.length === 0) out.push('pages: same');
  else {
    out.push(`pages that differ at the end (${d.pages.length}):`);
    const rows = d.pages.map((p) => [
      String(p.pid),
      String(p.page),
      pageText(p.left),
      pageText(p.right),
      p.differ.join(','),
    ]);
    out.push(
      ...columns([['pid', 'page', 'left', 'right', 'differ'], ...rows]).map((l) => '  ' + l),
    );
  }
  out.push(...countLines('frames in use', d.frames, false));
  out.push(...countLines('notifier seq', d.seq, false));
  out.push(...countLines('counters', d.counters, false));
  return out.join('\n') + '\n';
}
