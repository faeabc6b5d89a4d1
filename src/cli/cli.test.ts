import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeLink } from '../scenario/link.ts';
import { main, type CliIo } from './cli.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const CPU_TOUCH = join(FIXTURES, 'cpu-touch-brings-page-home.json');

/** Runs the CLI in-process; files come from `files` first, then the disk. */
async function cli(argv: string[], opts: { stdin?: string; files?: Record<string, string> } = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readFile: async (p) => {
      if (opts.files && p in opts.files) return opts.files[p];
      try {
        return readFileSync(p, 'utf8');
      } catch {
        throw new Error('no such file');
      }
    },
    readStdin: async () => opts.stdin ?? '',
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

const strip = (r: Record<string, unknown>) => {
  const c = { ...r };
  delete c.waypoints;
  delete c.traceHash;
  delete c.trace;
  return c;
};

describe('cli run --json matches the public examples', () => {
  const examples = readdirSync(FIXTURES).filter((f) => /(?<!\.expected)\.json$/.test(f));
  it.each(examples)('%s', async (file) => {
    const r = await cli(['run', join(FIXTURES, file), '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const got = JSON.parse(r.stdout);
    const expected = JSON.parse(
      readFileSync(join(FIXTURES, file.replace(/\.json$/, '.expected.json')), 'utf8'),
    );
    // Same key order too: compare the serialized text, not just the values.
    expect(JSON.stringify(strip(got), null, 1)).toBe(JSON.stringify(expected, null, 1));
    expect(got.waypoints).toBeGreaterThan(0);
    expect(got.traceHash).toMatch(/^[0-9a-f]{64}$/);
    expect(got.trace).toBeUndefined();
  });
});

describe('cli run', () => {
  it('prints exactly one JSON document, with the trace inside under --trace', async () => {
    const r = await cli(['run', '--trace', CPU_TOUCH, '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.trace).toHaveLength(doc.waypoints);
    expect(doc.trace[0]).toMatchObject({ seq: 0, action: -1 });
  });

  it('prints a table, then the waypoints as JSON lines under --trace', async () => {
    const plain = await cli(['run', CPU_TOUCH]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('migrate_to_device gpu0 pages 0-7');
    expect(plain.stdout).toContain('cpages=8 migrated=8');
    expect(plain.stdout).toMatch(/1\s+3\s+present\s+yes\s+host\s+3/);
    expect(plain.stdout).not.toContain('{"seq"');

    const traced = await cli(['run', CPU_TOUCH, '--trace']);
    const lines = traced.stdout.split('\n').filter((l) => l.startsWith('{'));
    const waypoints = lines.map((l) => JSON.parse(l));
    expect(traced.stdout.startsWith(plain.stdout)).toBe(true);
    expect(waypoints.map((w) => w.seq)).toEqual(waypoints.map((_, k) => k));
    expect(waypoints.some((w) => w.fn === 'page_free')).toBe(true);
  });

  it('gives every --trace waypoint its layer, subject, depth and parent (golden)', async () => {
    const doc = JSON.parse((await cli(['run', CPU_TOUCH, '--trace', '--json'])).stdout);
    // The hash stays over seq, action, fn and text: the same as before the fields came.
    expect(doc.traceHash).toBe('8b2ebefa62a8662a21405cb72242ab1641981f8bdb5fd6b93b6cf9ac36bb0827');
    for (const w of doc.trace)
      expect(Object.keys(w)).toEqual([
        'seq',
        'action',
        'fn',
        'text',
        'layer',
        'subject',
        'depth',
        'parent',
      ]);
    // The CPU touch of page 3: the fault, the driver's migrate_to_ram, HMM's migrate_vma_*,
    // and page_free back in the driver.
    const touch = doc.trace
      .filter((w: { action: number }) => w.action === 3)
      .map((w: { fn: string; layer: string; subject: object; depth: number; parent: number }) => [
        w.fn,
        w.layer,
        JSON.stringify(w.subject),
        w.depth,
        w.parent,
      ]);
    const first = doc.trace.findIndex((w: { action: number }) => w.action === 3);
    const at = (k: number) => first + k;
    const page3 = '{"pid":1,"pages":[3,4]}';
    const dev3 = '{"pid":1,"pages":[3,4],"device":"gpu0","frame":3}';
    expect(touch).toEqual([
      ['handle_mm_fault', 'mm', page3, 1, -1],
      ['do_swap_page', 'mm', dev3, 2, at(0)],
      ['migrate_to_ram', 'driver:gpu0', dev3, 3, at(1)],
      ['migrate_vma_setup', 'hmm', dev3, 4, at(2)],
      ['mmu_notifier_invalidate_range_start', 'hmm', dev3, 5, at(3)],
      [
        'dmirror_interval_invalidate',
        'driver:gpu0',
        '{"pid":1,"pages":[3,4],"device":"gpu0"}',
        5,
        at(4),
      ],
      ['migrate_vma_setup', 'hmm', dev3, 4, at(3)],
      ['copy_highpage', 'driver:gpu0', dev3, 4, at(2)],
      ['migrate_vma_pages', 'hmm', dev3, 4, at(2)],
      ['xa_erase', 'driver:gpu0', dev3, 3, at(2)],
      ['migrate_vma_finalize', 'hmm', dev3, 4, at(2)],
      ['page_free', 'driver:gpu0', dev3, 4, at(10)],
      ['cpu_read', 'cpu', page3, 0, -1],
    ]);
  });

  it('reads the scenario from stdin with -', async () => {
    const r = await cli(['run', '-', '--json'], { stdin: readFileSync(CPU_TOUCH, 'utf8') });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).format).toBe('hmm-lab/result@1');
  });

  it('exits 0 when actions fail: errnos are results', async () => {
    const s = { format: 'hmm-lab/scenario@1', actions: [{ op: 'cpu_read', start: 5 }] };
    const r = await cli(['run', 's.json', '--json'], { files: { 's.json': JSON.stringify(s) } });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).results[0].status).toBe('EFAULT');
  });
});

describe('cli errors: exit 2, message on stderr, nothing on stdout', () => {
  const bad = JSON.stringify({
    format: 'hmm-lab/scenario@1',
    actions: [
      { op: 'mmap', start: 0, count: 1, prot: 'rw' },
      { op: 'cpu_read', start: 0, count: 0 },
    ],
  });
  it.each([
    [['run', 'bad.json', '--json'], 'invalid scenario bad.json: actions[1].count: must be ≥ 1'],
    [['run', 'bad.json'], 'actions[1].count: must be ≥ 1'],
    [
      ['run', 'broken.json'],
      'invalid scenario broken.json: invalid JSON at line 1, column 1: unexpected "x"',
    ],
    [['run', 'missing.json', '--json'], 'cannot read missing.json: no such file'],
    [['run', '-', '--json'], 'invalid scenario stdin: invalid JSON: the text is empty'],
    [['link', 'bad.json'], 'actions[1].count: must be ≥ 1'],
    [[], 'no command given'],
    [['frobnicate'], 'unknown command "frobnicate"'],
    [['run'], 'run needs a scenario file'],
    [['run', 'a.json', 'b.json'], 'run takes one scenario file, got 2'],
    [['run', 'bad.json', '--jsn'], 'unknown option "--jsn" for run'],
    [['run', 'bad.json', '--step', '3'], 'unknown option "--step" for run'],
    [['link', 'bad.json', '--json'], 'unknown option "--json" for link'],
    [['link', 'bad.json', '--step'], '--step needs a whole number ≥ 0'],
    [['link', 'bad.json', '--step', '-1'], '--step needs a whole number ≥ 0'],
    [['run', 'bad.json', '--json', '--json'], '--json given twice'],
  ])('%j', async (argv, message) => {
    const r = await cli(argv, { files: { 'bad.json': bad, 'broken.json': 'x' } });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
  });

  it('prints usage after a usage error', async () => {
    const r = await cli(['run', 'x.json', '--nope']);
    expect(r.stderr).toContain('usage:');
  });

  it('prints help on stdout with exit 0', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('npm run --silent cli -- run');
  });
});

describe('cli link', () => {
  it('prints a #v1 hash that decodes to the scenario, with --step', async () => {
    const r = await cli(['link', CPU_TOUCH, '--step', '12']);
    expect(r.code).toBe(0);
    // The digest of the run: the traceHash's first 8 hex digits, one character per action.
    expect(r.stdout).toMatch(/^#v1\.[A-Za-z0-9+$-]+&step=12&h=8b2ebefa&ha=[A-Za-z0-9_-]{5}\n$/);
    const decoded = decodeLink(r.stdout.trim());
    expect(decoded).toMatchObject({
      ok: true,
      kind: 'scenario',
      step: 12,
      digest: { h: '8b2ebefa' },
    });
    if (decoded.ok && decoded.kind === 'scenario') {
      expect(decoded.scenario.actions).toEqual(JSON.parse(readFileSync(CPU_TOUCH, 'utf8')).actions);
    }
    expect((await cli(['link', CPU_TOUCH, '--step=3'])).stdout).toMatch(/&step=3&h=8b2ebefa&/);
    expect((await cli(['link', CPU_TOUCH])).stdout).toMatch(/^#v1\.[A-Za-z0-9+$-]+&h=8b2ebefa&ha=/);
  });

  it('refuses a scenario with more actions than a link carries', async () => {
    const s = { format: 'hmm-lab/scenario@1', actions: new Array(1025).fill({ op: 'fork' }) };
    const r = await cli(['link', 'big.json'], { files: { 'big.json': JSON.stringify(s) } });
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: expect.stringContaining(
        'a link carries at most 1024 actions, this scenario has 1025',
      ),
    });
  });
});

describe('the real command', () => {
  const opts = {
    cwd: join(import.meta.dirname, '../..'),
    encoding: 'utf8' as const,
    timeout: 60_000,
  };

  it('runs a scenario to one JSON document with exit 0', () => {
    const ok = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'run', CPU_TOUCH, '--json'],
      opts,
    );
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).results).toHaveLength(4);
  }, 60_000);

  it('exits 2 through npm on an invalid scenario, stdout empty', () => {
    const bad = spawnSync('npm', ['run', '--silent', 'cli', '--', 'run', '-', '--json'], {
      ...opts,
      input: '{"format":"hmm-lab/scenario@1","actions":[{"op":"cpu_read","start":-1}]}',
    });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('actions[0].start: must be ≥ 0');
  }, 60_000);
});
