// Mutation testing of the engine: `npm run mutate` (scripts/mutate.mjs runs this once per
// folder of src/engine, with MUTATE_PART naming the folder; see README "Mutation testing").
// Property tests run fewer sequences per mutant (HMM_PROP_RUNS); the selftests carry the rest.
process.env.HMM_PROP_RUNS ??= '100';

const part = process.env.MUTATE_PART ?? 'engine';
const globs = {
  // Test support, not the engine, is never mutated: the oracle judges the engine,
  // selftests/scenario.ts builds scenarios; index.ts only re-exports.
  engine: ['src/engine/**/*.ts', '!src/engine/oracle/**', '!src/engine/selftests/**'],
  root: ['src/engine/*.ts'],
}[part] ?? [`src/engine/${part}/**/*.ts`];

export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.ts', related: false },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.stryker.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: 'perTest',
  // MUTATE_FILES: some of the part's files (scripts/mutate.mjs --by-file).
  mutate: process.env.MUTATE_FILES?.split(',') ?? [
    ...globs,
    '!src/engine/**/*.test.ts',
    '!src/engine/index.ts',
  ],
  concurrency: 2,
  incrementalFile: `reports/mutation/${part}.incremental.json`,
  reporters: ['progress', 'clear-text', 'json', 'html'],
  jsonReporter: { fileName: `reports/mutation/${part}.json` },
  htmlReporter: { fileName: `reports/mutation/${part}.html` },
  ignorePatterns: ['dist', 'test-results', 'playwright-report', 'reports', 'e2e', 'bench'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  timeoutMS: 3000,
  thresholds: { high: 90, low: 80, break: null },
};
