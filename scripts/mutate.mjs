// Mutation testing of the engine (README "Mutation testing"): StrykerJS over src/engine, one
// part (folder) at a time so each part's result is kept as soon as it is done, then a score per
// part compared with the committed baseline (stryker-baseline.json).
//
//   npm run mutate                      every part, every mutant
//   npm run mutate -- --incremental     reuse the results of code and tests that did not change
//   npm run mutate -- hmm migrate       only these parts (folders of src/engine; root = its files)
//   npm run mutate -- --incremental src/engine/svm/state.ts src/engine/step.ts
//                                       only these files, one Stryker run each, each merged into
//                                       its part's reports (the part's other files keep theirs)
//   npm run mutate -- --check           no run: score the last reports against the baseline
//   npm run mutate -- --update-baseline after a run: write its scores as the new baseline
//   npm run mutate -- --check --equivalent  also list the mutants marked equivalent, with why
//   npm run mutate -- --incremental --by-file svm  one more file per Stryker run, so a run
//                                       stopped midway keeps the files it finished
//   npm run mutate -- --incremental --retest-timeouts   test again the mutants that timed out
//                                       (on a loaded machine a timeout may be the load's, and
//                                       a timeout counts as killed)
//
// It is slow on 2 cores (not part of `npm test`); run it as `nice -n 10 npm run mutate`.
// Exit 1 when a part's score dropped more than half a point below its baseline.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const REPORTS = join(ROOT, 'reports/mutation');
const BASELINE = join(ROOT, 'stryker-baseline.json');
// Test support, not the engine: never mutated (stryker.config.mjs says why).
const NOT_MUTATED = new Set(['oracle', 'selftests']);

const args = process.argv.slice(2);
const flag = (f) => args.includes(f);
const allParts = [
  ...readdirSync(join(ROOT, 'src/engine'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && !NOT_MUTATED.has(d.name))
    .map((d) => d.name)
    .sort(),
  'root',
];
const named = args.filter((a) => !a.startsWith('--'));
const askedFiles = named.filter((a) => a.endsWith('.ts'));
const asked = named.filter((a) => !a.endsWith('.ts'));
const unknown = asked.filter((p) => !allParts.includes(p));
if (unknown.length) {
  console.error(`mutate: unknown part ${unknown.join(', ')} (parts: ${allParts.join(', ')})`);
  process.exit(2);
}
const parts = asked.length || askedFiles.length ? asked : allParts;

/** Drops a part's (or one of its files') timed-out mutants from its incremental file, so
 * Stryker tests them again. */
function forgetTimeouts(part, only) {
  const file = join(REPORTS, `${part}.incremental.json`);
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  let n = 0;
  for (const [path, f] of Object.entries(report.files)) {
    if (only && path !== only) continue;
    const kept = f.mutants.filter((m) => m.status !== 'Timeout');
    n += f.mutants.length - kept.length;
    f.mutants = kept;
  }
  writeFileSync(file, JSON.stringify(report));
  console.log(`${only ?? part}: ${n} timed-out mutants to test again`);
}

/** The files of a part Stryker mutates (stryker.config.mjs's globs, for a flat folder). */
function partFiles(part) {
  const dir = part === 'root' ? 'src/engine' : `src/engine/${part}`;
  return readdirSync(join(ROOT, dir), { withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.ts') && !d.name.endsWith('.test.ts'))
    .map((d) => `${dir}/${d.name}`)
    .filter((f) => f !== 'src/engine/index.ts')
    .sort();
}

/** The part a file is mutated in, or undefined if Stryker never mutates it. */
function partOf(file) {
  const rel = file.replace(/^\.\//, '');
  return allParts.find((p) => partFiles(p).includes(rel));
}

/** The files a part's incremental file already holds results for. */
function filesDone(part) {
  const file = join(REPORTS, `${part}.incremental.json`);
  return existsSync(file)
    ? new Set(Object.keys(JSON.parse(readFileSync(file, 'utf8')).files))
    : new Set();
}

/** One Stryker run over a part (or some of its files: MUTATE_FILES); exits on failure. */
function stryker(part, files, force) {
  // --force with --incremental: test every mutant, and still write the incremental file.
  const run = ['stryker', 'run', '--incremental', ...(force ? ['--force'] : [])];
  const r = spawnSync('npx', run, {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, MUTATE_PART: part, ...(files && { MUTATE_FILES: files.join(',') }) },
  });
  if (r.status !== 0) {
    console.error(`mutate: stryker failed on ${part} (exit ${r.status})`);
    process.exit(1);
  }
}

/** A report (JSON or incremental) of a few files written over the part's: their files replace
 * the same files' results, the part's other files keep theirs. */
function mergeInto(target, before) {
  if (!before) return;
  const after = JSON.parse(readFileSync(target, 'utf8'));
  const merged = { ...after, files: { ...before.files, ...after.files } };
  if (before.testFiles || after.testFiles)
    merged.testFiles = { ...before.testFiles, ...after.testFiles };
  writeFileSync(target, JSON.stringify(merged));
}

/** Measures one file of a part again and keeps the part's other files' results. */
function strykerFile(part, file) {
  const reports = ['', '.incremental'].map((k) => join(REPORTS, `${part}${k}.json`));
  const before = reports.map((r) => (existsSync(r) ? JSON.parse(readFileSync(r, 'utf8')) : null));
  console.log(`-- ${part}: ${file}`);
  stryker(part, [file], !flag('--incremental'));
  reports.forEach((r, i) => mergeInto(r, before[i]));
}

if (!flag('--check') && !flag('--update-baseline')) {
  const strays = askedFiles.filter((f) => !partOf(f));
  if (strays.length) {
    console.error(`mutate: not a mutated engine file: ${strays.join(', ')}`);
    process.exit(2);
  }
  for (const file of askedFiles.map((f) => f.replace(/^\.\//, ''))) {
    if (flag('--retest-timeouts')) forgetTimeouts(partOf(file), file);
    strykerFile(partOf(file), file);
  }
  for (const part of parts) {
    console.log(`\n== mutate ${part} ==`);
    if (flag('--retest-timeouts')) forgetTimeouts(part);
    if (!flag('--by-file')) {
      stryker(part, null, !flag('--incremental'));
      continue;
    }
    // Stryker writes its incremental file only at the end of a run, with the files of that
    // run: grow the run a file at a time, starting from the files already done.
    const files = partFiles(part);
    const done = flag('--incremental') ? filesDone(part) : new Set();
    let n = 1;
    while (n < files.length && done.has(files[n - 1])) n++;
    for (; n <= files.length; n++) {
      console.log(`-- ${part}: files 1-${n} of ${files.length} (${files[n - 1]})`);
      stryker(part, files.slice(0, n), !flag('--incremental') && n === 1);
    }
  }
}

/** Counts per status and the surviving mutants of one part's report, or null if never run. */
function score(part) {
  const file = join(REPORTS, `${part}.json`);
  if (!existsSync(file)) return null;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const n = {};
  const survivors = [];
  const equivalent = [];
  for (const [path, f] of Object.entries(report.files)) {
    for (const m of f.mutants) {
      n[m.status] = (n[m.status] ?? 0) + 1;
      // Equivalent mutants are marked in the source, with the reason, by a
      // `// Stryker disable next-line <mutator>: <why it is equivalent>` comment.
      if (m.status === 'Ignored')
        equivalent.push(
          `${path}:${m.location.start.line} ${m.mutatorName}: ${m.statusReason ?? '(no reason given)'}`,
        );
      if (m.status === 'Survived' || m.status === 'NoCoverage')
        survivors.push(
          `${path}:${m.location.start.line} ${m.mutatorName} → ${JSON.stringify(m.replacement ?? '')}`,
        );
    }
  }
  const detected = (n.Killed ?? 0) + (n.Timeout ?? 0);
  const valid = detected + (n.Survived ?? 0) + (n.NoCoverage ?? 0);
  return {
    // A part can be run on some of its files only (npx stryker run --mutate …).
    files: Object.keys(report.files).sort(),
    score: valid ? Math.round((1000 * detected) / valid) / 10 : 100,
    killed: n.Killed ?? 0,
    timeout: n.Timeout ?? 0,
    survived: n.Survived ?? 0,
    noCoverage: n.NoCoverage ?? 0,
    ignored: n.Ignored ?? 0,
    compileErrors: n.CompileError ?? 0,
    survivors,
    equivalent,
  };
}

const results = Object.fromEntries(allParts.map((p) => [p, score(p)]).filter(([, s]) => s));
const baseline = existsSync(BASELINE) ? JSON.parse(readFileSync(BASELINE, 'utf8')) : { parts: {} };
const sum = (k) => Object.values(results).reduce((a, r) => a + r[k], 0);
const detected = sum('killed') + sum('timeout');
const valid = detected + sum('survived') + sum('noCoverage');
const total = valid ? Math.round((1000 * detected) / valid) / 10 : 100;

const pad = (s, w) => String(s).padStart(w);
console.log('\npart       score  killed timeout survived nocov ignored   baseline');
let dropped = false;
for (const [part, r] of Object.entries(results)) {
  const base = baseline.parts[part]?.score;
  const drop = base !== undefined && r.score < base - 0.5;
  dropped ||= drop;
  console.log(
    `${part.padEnd(9)} ${pad(r.score.toFixed(1), 6)} ${pad(r.killed, 7)} ${pad(r.timeout, 7)} ${pad(r.survived, 8)} ${pad(r.noCoverage, 5)} ${pad(r.ignored, 7)}   ${base === undefined ? '-' : base.toFixed(1)}${drop ? '  DROP' : ''}`,
  );
}
if (!Object.keys(results).length)
  console.log('(no part has been run yet: reports/mutation/ is empty)');
else
  console.log(`${'engine'.padEnd(9)} ${pad(total.toFixed(1), 6)}   (parts not run are left out)`);
for (const [part, r] of Object.entries(results))
  for (const s of r.survivors) console.log(`  survived (${part}): ${s}`);
if (flag('--equivalent'))
  for (const [part, r] of Object.entries(results))
    for (const e of r.equivalent) console.log(`  equivalent (${part}): ${e}`);

const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT })
  .toString()
  .trim();
const summary = { commit, total, parts: results };
writeFileSync(join(REPORTS, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
if (flag('--update-baseline')) {
  const parts = Object.fromEntries(
    Object.entries(results).map(([p, { survivors: _s, equivalent: _e, ...r }]) => [p, r]),
  );
  writeFileSync(
    BASELINE,
    JSON.stringify({ commit, total, parts: { ...baseline.parts, ...parts } }, null, 2) + '\n',
  );
  console.log(`baseline written (${commit})`);
}
if (dropped && !flag('--update-baseline')) {
  console.error('mutate: the mutation score dropped below the baseline (DROP above)');
  process.exit(1);
}
