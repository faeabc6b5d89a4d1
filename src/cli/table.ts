// The human-readable form of a run: actions with their results, the final pages, the
// devices and the counters. The JSON form (--json) is the contract; this is for people.
import type { ActionResult, DeviceReport, PageReport, RunReport } from '../engine/result.ts';
import type { Action, Scenario } from '../scenario/types.ts';

/** Left-aligned columns, two spaces apart; trailing spaces trimmed. */
export function columns(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((c, k) => (widths[k] = Math.max(widths[k] ?? 0, c.length)));
  return rows.map((row) =>
    row
      .map((c, k) => c.padEnd(widths[k]))
      .join('  ')
      .trimEnd(),
  );
}

function pages(a: { start: number; count?: number }): string {
  const n = a.count ?? 1;
  return n === 1 ? `page ${a.start}` : `pages ${a.start}-${a.start + n - 1}`;
}

function list(values: readonly (number | string)[]): string {
  const shown = values.slice(0, 12).join(',');
  return values.length > 12 ? `[${shown},… ${values.length} in all]` : `[${shown}]`;
}

/** One line saying what an action asks for, e.g. `migrate_to_device gpu0 pages 0-7`. */
export function describeAction(a: Action): string {
  const r = a as Action & Record<string, unknown>;
  const parts: string[] = [a.op];
  if (typeof r.device === 'string') parts.push(r.device);
  if (typeof r.start === 'number') parts.push(pages(r as { start: number; count?: number }));
  if (typeof r.prot === 'string') parts.push(`prot=${r.prot}`);
  if (r.shared === true) parts.push('shared');
  if (typeof r.value === 'number') parts.push(`value=${r.value}`);
  if (Array.isArray(r.values)) parts.push(`values=${list(r.values as number[])}`);
  if (a.pid !== undefined) parts.push(`pid=${a.pid}`);
  if ((a.op === 'dev_read' || a.op === 'dev_write') && a.interleave)
    parts.push(`interleave(${describeAction(a.interleave)})`);
  return parts.join(' ');
}

function describeResult(r: ActionResult): string {
  const parts: string[] = [];
  if (r.cpages !== undefined) parts.push(`cpages=${r.cpages}`);
  if (r.migrated !== undefined) parts.push(`migrated=${r.migrated}`);
  if (r.faults !== undefined) parts.push(`faults=${r.faults}`);
  if (r.values !== undefined) parts.push(`values=${list(r.values)}`);
  if (r.snapshot !== undefined) parts.push(`snapshot=${list(r.snapshot)}`);
  if (r.pid !== undefined) parts.push(`pid=${r.pid}`);
  if (r.interleave !== undefined)
    parts.push(
      `interleave=${'op' in r.interleave ? `${r.interleave.op}:` : ''}${r.interleave.status}`,
    );
  return parts.join(' ');
}

function pageRows(list: readonly PageReport[]): string[] {
  const rows = list.map((p) => [
    String(p.pid),
    String(p.page),
    p.cpu,
    p.writable ? 'yes' : 'no',
    p.location,
    String(p.value),
  ]);
  return columns([['pid', 'page', 'cpu', 'writable', 'location', 'value'], ...rows]);
}

function deviceLines(d: DeviceReport): string[] {
  const out = [`${d.name}: ${d.free} of ${d.frames} frames free, notifier seq ${d.seq}`];
  if (d.allocated.length > 0) {
    const rows = d.allocated.map((f) => [String(f.frame), f.zoneDeviceData, String(f.value)]);
    out.push('  allocated frames:');
    out.push(...columns([['frame', 'zone_device_data', 'value'], ...rows]).map((l) => '    ' + l));
  }
  if (d.pageTable.length === 0) return [...out, '  device page table: empty'];
  const rows = d.pageTable.map((e) => [
    String(e.pid),
    String(e.page),
    e.target,
    String(e.frame),
    e.writable ? 'yes' : 'no',
    e.atomic ? 'yes' : 'no',
  ]);
  out.push('  device page table:');
  const table = columns([['pid', 'page', 'target', 'frame', 'writable', 'atomic'], ...rows]);
  return [...out, ...table.map((l) => '    ' + l)];
}

export function formatReport(scenario: Scenario, report: RunReport): string {
  const out: string[] = [];
  if (scenario.title) out.push(scenario.title, '');
  const devices = scenario.config.devices.map((d) => `${d.name} ${d.frames} frames`).join(', ');
  out.push(`config: ${scenario.config.hostFrames} host frames; ${devices}`, '');

  const actionRows = report.results.map((r) => [
    String(r.i),
    describeAction(scenario.actions[r.i]),
    r.status,
    describeResult(r),
  ]);
  out.push(...columns([['#', 'action', 'status', 'result'], ...actionRows]), '');

  out.push(report.pages.length === 0 ? 'pages: none mapped' : 'pages:');
  if (report.pages.length > 0) out.push(...pageRows(report.pages).map((l) => '  ' + l));
  out.push('', 'devices:');
  for (const d of report.devices) out.push(...deviceLines(d).map((l) => '  ' + l));
  out.push('', `host frames: ${report.hostFrames.free} of ${report.hostFrames.total} free`);
  const counters = Object.entries(report.counters).map(([k, v]) => `${k}=${v}`);
  out.push(`counters: ${counters.join(' ')}`);

  const { checked, violations } = report.invariants;
  out.push(`invariants: checked after ${checked} actions, ${violations.length} violation(s)`);
  for (const v of violations) out.push(`  after action ${v.after}: #${v.invariant} ${v.message}`);
  out.push(`waypoints: ${report.waypoints}  traceHash: ${report.traceHash}`);
  return out.join('\n') + '\n';
}
