// The oracle property at length: `npx tsx scripts/prop-long.ts [runs] [seed] [profile]`
// (10,000 runs by default; profiles: default, tight, long — see PROFILES — and fork, which
// runs forkScenarioArb against the per-process oracle of forkCheck.ts, and svm, which mixes
// svm devices (hmm-model-v2.md O–R) with dmirror ones).
// Prints how many sequences and actions ran and the statuses by op and errno, so a reader can
// see the error paths were really exercised. Exits 1 with the shrunk sequence on a failure.
import fc from 'fast-check';
import { forkScenarioArb, PROFILES, scenarioArbWith } from '../src/engine/oracle/arbitraries.ts';
import { checkRun } from '../src/engine/oracle/check.ts';
import { checkForkRun } from '../src/engine/oracle/forkCheck.ts';
import { svmScenarioArb } from '../src/engine/oracle/svmArbitraries.ts';
import type { Scenario } from '../src/scenario/types.ts';
import { runScenario } from '../src/timeline/run.ts';

const runs = Number(process.argv[2] ?? process.env.HMM_PROP_RUNS ?? 10_000);
const seed = process.argv[3] === undefined ? Date.now() % 2 ** 31 : Number(process.argv[3]);
const profile = process.argv[4] ?? 'default';
const fork = profile === 'fork';
// svm: svmScenarioArb (svm devices among dmirror ones, pins), judged by the same oracle.
const svm = profile === 'svm';
if (!fork && !svm && !PROFILES[profile])
  throw new Error(`profile ${profile}? one of ${Object.keys(PROFILES)},fork,svm`);

let sequences = 0;
let actions = 0;
const byStatus = new Map<string, number>();
const byOp = new Map<string, number>();
const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

function judge(s: Scenario): string[] {
  const r = runScenario(s);
  sequences++;
  actions += s.actions.length;
  for (const x of r.results) {
    bump(byStatus, x.status);
    bump(byOp, `${x.op} ${x.status}`);
    if (x.interleave)
      bump(
        byOp,
        `  interleave ${'op' in x.interleave ? x.interleave.op : ''} ${x.interleave.status}`,
      );
  }
  return fork ? checkForkRun(s, r) : checkRun(s, r);
}

const t0 = performance.now();
const out = fc.check(
  fc.property(
    fork ? forkScenarioArb : svm ? svmScenarioArb : scenarioArbWith(PROFILES[profile]),
    (s) => judge(s).length === 0,
  ),
  { numRuns: runs, seed },
);
const secs = ((performance.now() - t0) / 1000).toFixed(1);

console.log(
  `seed ${seed}, profile ${profile}: ${sequences} sequences (incl. shrinking), ${actions} actions, ${secs} s`,
);
console.log('statuses:', Object.fromEntries([...byStatus].sort((a, b) => b[1] - a[1])));
for (const [k, n] of [...byOp].sort()) console.log(`  ${k.padEnd(40)} ${n}`);
if (out.failed && out.counterexample) {
  const [s] = out.counterexample;
  console.log('FAILED after', out.numRuns, 'runs; shrunk sequence:');
  console.log(JSON.stringify(s));
  console.log(judge(s).join('\n'));
  process.exit(1);
}
console.log('OK: no invariant violation, no lost write');
