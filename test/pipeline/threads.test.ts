import { describe, expect, it, vi } from 'vitest';
import { execa } from 'execa';
import path from 'node:path';
import { adoptThreads } from '../../src/cli/argv-threads.js';
import { main } from '../../src/cli/index.js';
import { startThreads } from '../../src/pipeline/threads.js';
import { ROOT } from '../helpers/lint.js';

const BIN = path.join(ROOT, 'bin', 'odlint.js');
const CSV = ['fixtures/corpus/frictionless/fd-examples__units-and-prefixes/data/units.csv', 'fixtures/corpus/frictionless/datasets-country-list__country-list/data.csv'];

describe('the pool threads the CLI starts before it loads the lint command', () => {
  it('reads --jobs as the lint command does: threads for two lanes or more, none otherwise', async () => {
    for (const jobs of [undefined, '1', '0', '-2', '2.5', 'two', '']) expect(adoptThreads({ jobs }, undefined), String(jobs)).toBeUndefined();
    expect(adoptThreads({ jobs: '2', printConfig: 'data.csv' }, undefined)).toBeUndefined(); // lints nothing
    const two = await adoptThreads({ jobs: '2' }, undefined)!;
    try {
      expect(two.threads).toBe(1); // the main thread is the other lane
      expect(two.broken.aborted).toBe(false);
    } finally {
      await two.pool.destroy();
    }
  });

  it('takes threads started from argv for as many lanes; destroys them for another number, or none', async () => {
    const early = { jobs: 2, threads: startThreads(2) };
    expect(adoptThreads({ jobs: '2' }, early)).toBe(early.threads);
    await (await early.threads).pool.destroy();
    for (const flags of [{ jobs: '3' }, { jobs: '1' }, {}]) {
      const missed = { jobs: 2, threads: startThreads(2) };
      const own = adoptThreads(flags, missed);
      expect(own).not.toBe(missed.threads);
      await vi.waitFor(async () => expect((await missed.threads).pool.threads).toEqual([]));
      await (await own)?.pool.destroy();
    }
  });

  it('a run given threads for another --jobs reports what --jobs 1 does, and ends them', { timeout: 120_000 }, async () => {
    const run = async (jobs: string, early?: { jobs: number; threads: ReturnType<typeof startThreads> }) => {
      let out = '';
      const code = await main([...CSV, '-f', 'json', '--jobs', jobs], { stdout: (t) => void (out += t), stderr: () => undefined, cwd: ROOT, isTTY: false, env: {}, readStdin: async () => Buffer.alloc(0) }, early);
      return { code, out };
    };
    const missed = { jobs: 3, threads: startThreads(3) };
    const [one, two] = [await run('1'), await run('2', missed)];
    expect(two).toEqual(one);
    await vi.waitFor(async () => expect((await missed.threads).pool.threads).toEqual([]));
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
