import { defineConfig } from 'vitest/config';

// Stryker's test run: only the tests that exercise the engine (src/engine, src/timeline,
// src/cli). The engine is pure, so test files can share one module graph (isolate: false),
// which makes each mutant's run several times cheaper.
export default defineConfig({
  test: {
    environment: 'node',
    isolate: false,
    include: ['src/engine/**/*.test.ts', 'src/timeline/**/*.test.ts', 'src/cli/**/*.test.ts'],
  },
});
