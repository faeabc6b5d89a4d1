import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from './cli.ts';

const DIR = 'src/cli/fixtures/diff';
const BASE = `${DIR}/base.json`;
// UPDATE_GOLDEN=1 npx vitest run src/cli/diff.test.ts rewrites the goldens after a wanted change.
const UPDATE = process.env.UPDATE_GOLDEN === '1';

async function cli(argv: string[], stdin = '') {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readFile: async (p) => {
      try {
        return readFileSync(p, 'utf8');
      } catch {
        throw new Error('no such file');
      }
    },
    readStdin: async () => stdin,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

function golden(file: string, got: string) {
  if (UPDATE) writeFileSync(file, got);
  expect(got).toBe(readFileSync(file, 'utf8'));
}

describe('cli diff: golden outputs', () => {
  it.each(['dev-read-instead', 'fail-alloc-first'])('base vs %s', async (name) => {
    const other = `${DIR}/${name}.json`;
    const text = await cli(['diff', BASE, other]);
    expect(text.code).toBe(0);
    expect(text.stderr).toBe('');
    golden(`${DIR}/${name}.diff.txt`, text.stdout);
    const json = await cli(['diff', '--json', BASE, other]);
    expect(json.code).toBe(0);
    golden(`${DIR}/${name}.diff.json`, json.stdout);
    const doc = JSON.parse(json.stdout);
    expect(doc.format).toBe('hmm-lab/diff@1');
    expect(doc.identical).toBe(false);
  });
});

describe('cli diff', () => {
  it('says so when the two runs are identical (one read from stdin)', async () => {
    const r = await cli(['diff', BASE, '-'], readFileSync(BASE, 'utf8'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('The two runs are identical');
    const j = await cli(['diff', BASE, '-', '--json'], readFileSync(BASE, 'utf8'));
    const doc = JSON.parse(j.stdout);
    expect(doc.identical).toBe(true);
    expect(doc.parting).toBeNull();
    expect(doc.pages).toEqual([]);
    expect(doc.left.traceHash).toBe(doc.right.traceHash);
    expect(doc.right.file).toBe('stdin');
  });

  it('prints one JSON document whose sides match `run` of each', async () => {
    const other = `${DIR}/dev-read-instead.json`;
    const doc = JSON.parse((await cli(['diff', BASE, other, '--json'])).stdout);
    const runA = JSON.parse((await cli(['run', BASE, '--json'])).stdout);
    const runB = JSON.parse((await cli(['run', other, '--json'])).stdout);
    expect(doc.left.traceHash).toBe(runA.traceHash);
    expect(doc.right.traceHash).toBe(runB.traceHash);
    const gpu0 = doc.frames.find((f: { name: string }) => f.name === 'gpu0');
    const free = (r: typeof runA) => r.devices[0].frames - r.devices[0].free;
    expect(gpu0).toEqual({
      name: 'gpu0',
      left: free(runA),
      right: free(runB),
      delta: free(runB) - free(runA),
    });
    for (const p of doc.pages) {
      const a = runA.pages.find((q: { page: number }) => q.page === p.page);
      const b = runB.pages.find((q: { page: number }) => q.page === p.page);
      expect(p.left.cpu).toBe(a.cpu);
      expect(p.right.cpu).toBe(b.cpu);
    }
  });

  it.each([
    [['diff', BASE], 'diff takes two scenario files'],
    [['diff', BASE, BASE, BASE], 'got 3'],
    [['diff', '-', '-'], 'only one of the two from stdin'],
    [['diff', BASE, `${DIR}/missing.json`], 'cannot read'],
    [['diff', BASE, BASE, '--trace'], 'unknown option'],
  ])('bad input %j exits 2 with a message and nothing on stdout', async (argv, message) => {
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
  });

  it('an invalid scenario exits 2, naming what is wrong', async () => {
    const r = await cli(
      ['diff', BASE, '-'],
      '{"format":"hmm-lab/scenario@1","actions":[{"op":"nope"}]}',
    );
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/invalid scenario stdin: .*actions\[0\]/);
  });
});
