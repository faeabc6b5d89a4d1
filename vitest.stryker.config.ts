import { defineConfig } from 'vitest/config';

// Stryker's test run: only the tests that exercise the engine (src/engine, src/timeline,
// src/cli). The engine is pure, so test files can share one module graph (isolate: false),
// which makes each mutant's run several times cheaper.
export default defineConfig({
  test: {
    environment: 'node',
    isolate: false,
    // A loaded machine makes the dry run slow; a test that merely took long is not a failure.
    testTimeout: 60_000,
    include: ['src/engine/**/*.test.ts', 'src/timeline/**/*.test.ts', 'src/cli/**/*.test.ts'],
  },
});
