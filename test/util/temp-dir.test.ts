import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// test/setup/temp-dir.ts gives the run one temporary directory, removed at its end: the tests and
// the odlint processes they start must all write there, not loose in the system's /tmp.
describe('the test run’s temporary directory', () => {
  it('is where os.tmpdir() points, in the test and in the processes it starts', () => {
    const dir = os.tmpdir();
    expect(path.basename(dir)).toMatch(/^odlint-test-run-/);
    const child = execFileSync(process.execPath, ['-e', 'process.stdout.write(require("node:os").tmpdir())'], { encoding: 'utf8' });
    expect(child).toBe(dir);
  });
});
