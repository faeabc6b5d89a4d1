// Structured waypoints: every waypoint has a layer, a subject that agrees with the changes it
// records, and a place in properly nested spans; every function the engine can name has a layer.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../scenario/presets/index.ts';
import type { Scenario } from '../scenario/types.ts';
import { createTimeline } from '../timeline/timeline.ts';
import { createCtx, type Ctx } from './ctx.ts';
import { registerDevices } from './driver/devmem.ts';
import { LAYER } from './layers.ts';
import { forkScenarioArb, scenarioArb } from './oracle/arbitraries.ts';
import { emptyWorld } from './state.ts';
import { build } from './selftests/scenario.ts';
import { step } from './step.ts';
import { ROOT } from './store/trace.ts';
import type { Waypoint } from './trace.ts';

const RUNS = Number(process.env.HMM_PROP_RUNS ?? 1000);
const known = (fn: string) => Object.prototype.hasOwnProperty.call(LAYER, fn);

/** Every problem with one waypoint's layer and subject, as messages. */
function subjectProblems(w: Waypoint, devices: readonly string[]): string[] {
  const out: string[] = [];
  const at = `waypoint ${w.seq} (${w.fn})`;
  const s = w.subject;
  if (!known(w.fn)) out.push(`${at}: ${w.fn} has no layer`);
  for (const f of w.path) if (!known(f)) out.push(`${at}: ${f} in its path has no layer`);
  const layerOk =
    w.layer === 'cpu' ||
    w.layer === 'mm' ||
    w.layer === 'hmm' ||
    (w.layer.startsWith('driver:') && devices.includes(w.layer.slice(7)));
  if (!layerOk) out.push(`${at}: layer ${w.layer}`);
  if (w.layer.startsWith('driver:') && w.layer !== `driver:${s.device}`)
    out.push(`${at}: driver layer ${w.layer} but subject device ${s.device}`);
  for (const k of Object.keys(s))
    if (!['pid', 'pages', 'device', 'frame'].includes(k)) out.push(`${at}: subject key ${k}`);
  if (s.pages && !(s.pages[0] >= 0 && s.pages[0] < s.pages[1])) out.push(`${at}: pages ${s.pages}`);
  if (s.pages && s.pid === undefined) out.push(`${at}: pages without a pid`);
  if (s.frame !== undefined && s.device === undefined) out.push(`${at}: frame without device`);
  if (s.device !== undefined && !devices.includes(s.device)) out.push(`${at}: device ${s.device}`);
  // A PTE change of pid p page n: the subject is about p (when it is the only process whose
  // PTEs change) and n lies in its pages.
  const ptePids = new Set<number>();
  for (const c of w.changes) if (c.k === 'pte') ptePids.add(c.pid);
  if (ptePids.size && (s.pid === undefined || !ptePids.has(s.pid)))
    out.push(`${at}: PTEs of ${[...ptePids]} change, subject pid ${s.pid}`);
  for (const c of w.changes)
    if (
      c.k === 'pte' &&
      c.pid === s.pid &&
      !(s.pages && s.pages[0] <= c.page && c.page < s.pages[1])
    )
      out.push(`${at}: PTE of page ${c.page} changes, subject pages ${s.pages}`);
  // A change to a device: the subject's device; to one device frame: that frame too.
  const devs = new Set<number>();
  const frames = new Set<string>();
  for (const c of w.changes)
    if (c.k === 'dpage' || c.k === 'dpte' || c.k === 'seq' || c.k === 'flag') devs.add(c.dev);
  for (const c of w.changes) if (c.k === 'dpage') frames.add(`${c.dev}/${c.frame}`);
  if (devs.size && (s.device === undefined || !devs.has(devices.indexOf(s.device))))
    out.push(`${at}: devices ${[...devs]} change, subject device ${s.device}`);
  if (devs.size === 1 && frames.size === 1) {
    const [dev, frame] = [...frames][0].split('/').map(Number);
    if (s.device !== devices[dev] || s.frame !== frame)
      out.push(`${at}: frame ${devices[dev]}/${frame} changes, subject ${JSON.stringify(s)}`);
  }
  return out;
}

/** Spans: depth is the call path's length; the parent is an earlier waypoint of the same action
 * inside a span that encloses this one and stays open from the parent to here. */
function nestingProblems(wps: readonly Waypoint[]): string[] {
  const out: string[] = [];
  for (const w of wps) {
    const at = `waypoint ${w.seq} (${w.fn})`;
    if (w.depth !== w.path.length) out.push(`${at}: depth ${w.depth}, path ${w.path.join('›')}`);
    if (w.parent === -1) continue;
    const p = wps[w.parent];
    if (!p || w.parent >= w.seq || p.action !== w.action) {
      out.push(`${at}: parent ${w.parent}`);
      continue;
    }
    // Some span both lie in must stay open from the parent through w (the deepest common
    // prefix of their paths may be two calls of the same function, one closed in between).
    let common = 0;
    while (common < w.path.length && common < p.path.length && w.path[common] === p.path[common])
      common++;
    const open = (j: number) => {
      const span = w.path.slice(0, j).join('›');
      for (let k = w.parent; k <= w.seq; k++)
        if (wps[k].path.length < j || wps[k].path.slice(0, j).join('›') !== span) return false;
      return true;
    };
    let ok = false;
    for (let j = common; j > 0 && !ok; j--) ok = open(j);
    if (!ok) out.push(`${at}: no span stays open from its parent ${w.parent}`);
  }
  return out;
}

/** Runs the scenario step by step: every enter must be left by the end of its action. */
function runChecked(s: Scenario): { ctx: Ctx; unbalanced: number[] } {
  const ctx = createCtx(emptyWorld(s.config));
  registerDevices(ctx);
  const unbalanced: number[] = [];
  if (ctx.node !== ROOT) unbalanced.push(-1);
  s.actions.forEach((a, i) => {
    ctx.action = i;
    step(ctx, a, i);
    if (ctx.node !== ROOT) unbalanced.push(i);
  });
  return { ctx, unbalanced };
}

function problems(s: Scenario): string[] {
  const names = s.config.devices.map((d) => d.name);
  const { unbalanced } = runChecked(s);
  const out = unbalanced.map((i) => `action ${i} leaves a span open`);
  const tl = createTimeline(s);
  const wps = Array.from({ length: tl.count }, (_, i) => tl.waypoint(i));
  for (const w of wps) out.push(...subjectProblems(w, names));
  out.push(...nestingProblems(wps));
  return out;
}

describe('structured waypoints', () => {
  it('every preset: layers, subjects that agree with the changes, nested spans', () => {
    for (const p of PRESETS) expect(problems(p.scenario), p.id).toEqual([]);
  });

  it(`the same for ${RUNS} random scenarios`, { timeout: 300_000 }, () => {
    fc.assert(
      fc.property(fc.oneof(scenarioArb, forkScenarioArb), (s) => {
        expect(problems(s)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it('a span is the parent of the steps inside it whatever its first waypoint', () => {
    // No device registers, and each mmap is one waypoint: the fork's kernel_clone is waypoint n.
    for (let n = 0; n < 4; n++) {
      const mmaps = Array.from(
        { length: n },
        (_, i) => ({ op: 'mmap', start: i, count: 1, prot: 'rw' }) as const,
      );
      const s = build([...mmaps, { op: 'fork' }], { hostFrames: 4, devices: [] });
      expect(problems(s)).toEqual([]);
      const tl = createTimeline(s);
      expect([n, n + 1].map((i) => [tl.waypoint(i).fn, tl.waypoint(i).parent])).toEqual([
        ['kernel_clone', -1],
        ['copy_page_range', n],
      ]);
    }
  });

  it('the CPU touch of a device page crosses the layers in the order HMM defines', () => {
    const tl = createTimeline(PRESETS.find((p) => p.id === 'cpu-touch')!.scenario);
    const wps = Array.from({ length: tl.count }, (_, i) => tl.waypoint(i));
    const last = wps[wps.length - 1].action;
    const lanes = wps.filter((w) => w.action === last).map((w) => `${w.layer} ${w.fn}`);
    expect(lanes.slice(0, 4)).toEqual([
      'mm handle_mm_fault',
      'mm do_swap_page',
      'driver:gpu0 migrate_to_ram',
      'hmm migrate_vma_setup',
    ]);
    expect(lanes).toContain('driver:gpu0 page_free');
    expect(lanes[lanes.length - 1]).toBe('cpu cpu_read');
  });
});

describe('the layer table', () => {
  it('knows every function the engine names in its sources', () => {
    // The literals given to emit/within/enter, and the names assigned to fn variables.
    const dir = import.meta.dirname;
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.startsWith('oracle'),
    );
    const names = new Set<string>();
    for (const f of files) {
      const src = readFileSync(join(dir, f), 'utf8');
      for (const m of src.matchAll(/\b(?:emit|within|enter)\(\s*c,\s*([^,]+?),/gs))
        for (const lit of m[1].matchAll(/(?<![=!]==\s*)'([a-z_][a-z0-9_]*)'/g)) names.add(lit[1]);
    }
    expect(names.size).toBeGreaterThan(40);
    expect([...names].filter((n) => !known(n))).toEqual([]);
  });

  it('gives a caller-layer helper the layer of the path it runs in', () => {
    const tl = createTimeline(PRESETS.find((p) => p.id === 'cpu-touch')!.scenario);
    const copy = Array.from({ length: tl.count }, (_, i) => tl.waypoint(i)).find(
      (w) => w.fn === 'copy_highpage',
    )!;
    expect(copy.path).toContain('dmirror_devmem_fault_alloc_and_copy');
    expect(copy.layer).toBe('driver:gpu0');
  });
});
