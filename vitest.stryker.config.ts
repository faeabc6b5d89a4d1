import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Stryker stops a mutant's run at the first failing test (bail 1), so the cheap test files go
 * first: vitest's own order is slowest first, which made a killed mutant wait for the slowest
 * file that covers it before a quick one could fail.
 */
class FastestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]) {
    return (await super.sort(files)).reverse();
  }
}

// Stryker's test run: only the tests that exercise the engine (src/engine, src/timeline,
// src/cli). The engine is pure, so test files can share one module graph (isolate: false),
// which makes each mutant's run several times cheaper.
export default defineConfig({
  test: {
    environment: 'node',
    isolate: false,
    sequence: { sequencer: FastestFirst },
    // A loaded machine makes the dry run slow; a test that merely took long is not a failure.
    testTimeout: 60_000,
    include: ['src/engine/**/*.test.ts', 'src/timeline/**/*.test.ts', 'src/cli/**/*.test.ts'],
  },
});
