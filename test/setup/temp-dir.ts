import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Vitest global setup: every temporary file of a test run — the tests' own `mkdtemp` directories
 * and those of the odlint processes they start — goes under one directory that is removed when the
 * run ends. Without it each run left up to ~500 MB behind in /tmp (the 50k-dataset streaming test's
 * catalogue, the shard reports…), and a few dozen runs filled the disk. Set before the test
 * workers are forked, so they and their child processes inherit it.
 */
export default function setup(): () => void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'odlint-test-run-'));
  // Modes as /tmp's: tests that drop privileges (an odlint child run as `nobody`) reach their files.
  chmodSync(dir, 0o1777);
  const previous = process.env['TMPDIR'];
  process.env['TMPDIR'] = dir;
  return () => {
    if (previous === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = previous;
    rmSync(dir, { recursive: true, force: true });
  };
}
