import { describe, expect, it } from 'vitest';
import { execa } from 'execa';
import path from 'node:path';
import { earlyThreads } from '../../src/pipeline/threads.js';
import { ROOT } from '../helpers/lint.js';

const BIN = path.join(ROOT, 'bin', 'odlint.js');
const CSV = ['fixtures/corpus/frictionless/fd-examples__units-and-prefixes/data/units.csv', 'fixtures/corpus/frictionless/datasets-country-list__country-list/data.csv'];

describe('the pool threads the CLI starts before it loads the lint command', () => {
  it('reads --jobs as the lint command does: threads for two lanes or more, none otherwise', async () => {
    for (const jobs of [undefined, '1', '0', '-2', '2.5', 'two', '']) expect(earlyThreads({ jobs }), String(jobs)).toBeUndefined();
    expect(earlyThreads({ jobs: '2', printConfig: 'data.csv' })).toBeUndefined(); // lints nothing
    const two = await earlyThreads({ jobs: '2' })!;
    try {
      expect(two.threads).toBe(1); // the main thread is the other lane
      expect(two.broken.aborted).toBe(false);
    } finally {
      await two.pool.destroy();
    }
  });

  it('a run with early threads reports what --jobs 1 does; a run that fails before linting still ends', { timeout: 120_000 }, async () => {
    const run = (jobs: string, ...more: string[]) => execa('node', [BIN, ...CSV, '-f', 'json', '--jobs', jobs, ...more], { cwd: ROOT, reject: false, timeout: 60_000 });
    const [one, two] = [await run('1'), await run('2')];
    expect(two.exitCode).toBe(one.exitCode);
    expect(two.stdout).toBe(one.stdout);
    // Threads started, then a usage error before the run: the process exits (they are destroyed).
    const bad = await run('2', '--fail-on', 'bogus');
    expect(bad.exitCode).toBe(2);
    expect(bad.timedOut).toBe(false);
  });
});
