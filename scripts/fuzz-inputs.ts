// Fuzzes the untrusted-input decoders (share links and JSON imports) with random and mutated
// inputs and prints the counts: exceptions, empty messages and slow inputs (> 50 ms) must be 0.
// Usage: npx tsx scripts/fuzz-inputs.ts [count]   (default 100,000)
import fc from 'fast-check';
import LZString from 'lz-string';
import { decodeLink, encodeLink } from '../src/scenario/link.ts';
import { validScenario } from '../src/scenario/arbitrary.ts';
import { parseScenarioText } from '../src/scenario/schema.ts';
import { PRESETS } from '../src/scenario/presets/index.ts';

const total = Number(process.argv[2] ?? 100_000);
const seeds = PRESETS.map((p) => encodeLink(p.scenario, 3));
const jsonSeeds = PRESETS.map((p) => JSON.stringify(p.scenario));

/** mulberry32: a tiny seeded PRNG so every run fuzzes the same inputs. */
function prng(seed: number) {
  return {
    nextInt(lo: number, hi: number): number {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return lo + Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * (hi - lo + 1));
    },
  };
}
type Rnd = ReturnType<typeof prng>;

function mutate(s: string, rnd: Rnd): string {
  const chars = [...s];
  const n = 1 + rnd.nextInt(0, 4);
  for (let k = 0; k < n && chars.length; k++) {
    const i = rnd.nextInt(0, chars.length - 1);
    switch (rnd.nextInt(0, 4)) {
      case 0:
        chars[i] = String.fromCharCode(chars[i].charCodeAt(0) ^ (1 << rnd.nextInt(0, 6)));
        break;
      case 1:
        chars.splice(i);
        break;
      case 2:
        chars.splice(i, 0, String.fromCharCode(rnd.nextInt(0, 0xffff)));
        break;
      case 3:
        chars.splice(i, 1);
        break;
      default:
        chars.splice(i, 0, ...chars.slice(0, rnd.nextInt(0, 40)));
    }
  }
  return chars.join('');
}

const hostile: string[] = [
  '{"__proto__":{"polluted":1},"format":"hmm-lab/scenario@1","actions":[]}',
  '{"format":"hmm-lab/scenario@1","actions":[{"op":"mmap","start":1e308,"count":1,"prot":"rw"}]}',
  '{"format":"hmm-lab/scenario@1","constructor":{"prototype":{"x":1}},"actions":[]}',
  '['.repeat(100_000) + ']'.repeat(100_000),
  '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000),
  '"\uD800\uDFFF\uDBFF"',
  '#v1.' + LZString.compressToEncodedURIComponent('['.repeat(400_000)),
  '#v1.' + LZString.compressToEncodedURIComponent('a'.repeat(5_000_000)).slice(0, 16_000),
  '#v1.' + 'A'.repeat(20_000),
  '#v999999999999999999999.x',
  '#preset/' + '\u0000'.repeat(100),
  '#v1.x&step=99999999999999999999999',
];

type Stats = {
  inputs: number;
  exceptions: number;
  emptyMessages: number;
  slow: number;
  maxMs: number;
  accepted: number;
};
const stats: Record<string, Stats> = {};
function probe(kind: string, input: string, run: (s: string) => { ok: boolean; error?: string }) {
  const s = (stats[kind] ??= {
    inputs: 0,
    exceptions: 0,
    emptyMessages: 0,
    slow: 0,
    maxMs: 0,
    accepted: 0,
  });
  s.inputs++;
  const t = performance.now();
  try {
    const r = run(input);
    if (r.ok) s.accepted++;
    else if (!r.error || !r.error.trim()) s.emptyMessages++;
  } catch {
    s.exceptions++;
  }
  let ms = performance.now() - t;
  // A busy machine pauses any call now and then; an input is slow only if it stays slow.
  for (let again = 0; again < 3 && ms > 50; again++) {
    const t2 = performance.now();
    try {
      run(input);
    } catch {
      /* counted above */
    }
    ms = Math.min(ms, performance.now() - t2);
  }
  if (ms > 50) s.slow++;
  s.maxMs = Math.max(s.maxMs, ms);
}

const rnd = prng(20261125);
const texts = fc.sample(fc.string({ unit: 'binary', maxLength: 300 }), { numRuns: 5000, seed: 11 });
const randomText = (n: number) => texts[n % texts.length] + String.fromCharCode(n % 0xffff);
const scenarios = fc.sample(validScenario, { numRuns: 200, seed: 7 }).map((s) => encodeLink(s));
for (const h of hostile) {
  probe('hostile', h, decodeLink);
  probe('hostile', h, parseScenarioText);
}
let i = 0;
while (i < total) {
  const pick = i % 5;
  if (pick === 0) probe('random text → link', '#' + randomText(i), decodeLink);
  else if (pick === 1) probe('mutated link', mutate(seeds[i % seeds.length], rnd), decodeLink);
  else if (pick === 2)
    probe('mutated link', mutate(scenarios[i % scenarios.length], rnd), decodeLink);
  else if (pick === 3)
    probe('mutated JSON import', mutate(jsonSeeds[i % jsonSeeds.length], rnd), parseScenarioText);
  else probe('random text → JSON import', randomText(i), parseScenarioText);
  i++;
}
console.table(stats);
const bad = Object.values(stats).reduce((n, s) => n + s.exceptions + s.emptyMessages + s.slow, 0);
const inputs = Object.values(stats).reduce((n, s) => n + s.inputs, 0);
console.log(
  `${inputs} inputs fuzzed; ${bad} findings (exceptions, empty messages, inputs over 50 ms)`,
);
process.exit(bad ? 1 : 0);
