import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The JSON results feed the "N passed, N failed" line printed by .ci/run.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-output/vitest-results.json' },
    testTimeout: 30_000,
    pool: 'forks',
  },
});
