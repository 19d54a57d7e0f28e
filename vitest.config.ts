import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The example plugin's tests import odlint by its package name, as a plugin's own tests do.
  resolve: { alias: { odlint: fileURLToPath(new URL('./src/index.ts', import.meta.url)) } },
  test: {
    include: ['test/**/*.test.ts', 'examples/*/test/**/*.test.{js,ts}'],
    // The JSON results feed the "N passed, N failed" line printed by .ci/run.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-output/vitest-results.json' },
    testTimeout: 30_000,
    pool: 'forks',
    // One temporary directory per run, removed at its end (test/setup/temp-dir.ts).
    globalSetup: ['test/setup/temp-dir.ts'],
  },
});
