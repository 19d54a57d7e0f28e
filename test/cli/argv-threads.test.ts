import { beforeEach, describe, expect, it, vi } from 'vitest';
import { earlyJobs, marksOnLanes, LINT_OPTIONS, lintFlagsInArgv, OTHER_COMMANDS } from '../../src/cli/argv-threads.js';
import { main, type CliIO } from '../../src/cli/index.js';
import { prng } from '../helpers/prng.js';

// Every command is replaced by a recorder: what commander gave the action that ran is the
// definition the argv reader (src/cli/argv-threads.ts) must match. No thread is started.
const ran = vi.hoisted(() => ({ command: undefined as string | undefined, flags: undefined as Record<string, unknown> | undefined }));
const record = (command: string) => async (...args: unknown[]) => {
  ran.command = command;
  ran.flags = command === 'lint' ? (args[1] as Record<string, unknown>) : undefined;
  return 0;
};
vi.mock('../../src/cli/lint-command.js', () => ({ runLint: record('lint') }));
vi.mock('../../src/cli/merge-command.js', () => ({ runMergeReports: record('merge-reports') }));
vi.mock('../../src/cli/harvest-command.js', () => ({ runHarvest: record('harvest') }));
vi.mock('../../src/cli/rules-command.js', () => ({ runRulesList: record('rules'), runRulesExplain: record('rules explain') }));
vi.mock('../../src/cli/completion-command.js', () => ({ runCompletion: record('completion') }));
vi.mock('../../src/cli/init-command.js', () => ({ runInit: record('init') }));
vi.mock('../../src/pipeline/threads.js', () => ({
  startThreads: async (jobs: number) => ({ pool: { destroy: async () => undefined }, threads: jobs - 1, broken: new AbortController().signal }),
  destroyThreads: async () => undefined,
}));

let out = '';
const io: CliIO = { stdout: (t) => void (out += t), stderr: () => undefined, cwd: process.cwd(), isTTY: false, env: {}, readStdin: async () => Buffer.alloc(0) };

/** What commander does with `argv`: the command whose action ran, and the lint action's flags. */
async function commander(argv: string[]): Promise<{ command?: string; flags?: Record<string, unknown> }> {
  ran.command = undefined;
  ran.flags = undefined;
  await main(argv, io);
  return { ...(ran.command ? { command: ran.command } : {}), ...(ran.flags ? { flags: ran.flags } : {}) };
}

const helpOrVersion = (argv: string[]) => argv.some((a) => a === '-h' || a === '--help' || a === '--version' || a.startsWith('-v'));

describe('the lint flags read from argv before commander is loaded', () => {
  beforeEach(() => void (out = ''));

  it("knows the lint command's options (and which take a value) and the other commands, as the help lists them", async () => {
    await main(['lint', '--help'], io);
    const listed = new Map<string, boolean>();
    for (const m of out.matchAll(/^ {2}(-\w, )?(--[\w-]+)( <[^>]+>| \[[^\]]+\])?/gm)) {
      if (m[2] === '--help') continue;
      if (m[1]) listed.set(m[1].slice(0, 2), Boolean(m[3]));
      listed.set(m[2]!, Boolean(m[3]));
    }
    expect(new Map([...LINT_OPTIONS].sort())).toEqual(new Map([...listed].sort()));
    out = '';
    await main(['--help'], io);
    const commands = out.slice(out.indexOf('Commands:'), out.indexOf('Default command:')).match(/^ {2}[a-z-]+/gm)!.map((c) => c.trim());
    expect([...OTHER_COMMANDS].sort()).toEqual(commands.filter((c) => c !== 'lint').sort());
  });

  it('reads --jobs and --print-config as commander gives them to the lint action, on generated argv', async () => {
    const words = ['lint', 'rules', 'merge-reports', 'help', 'init', 'a.csv', 'b.json', '--', '-', '-j', '--jobs', '-j2', '-j3', '-j=2', '--jobs=2', '--jobs=1', '--jobs=', '2', '3', '1', '0', '-2', '-5', 'x',
      '-o', '--output', '-oj', '-f', '-fj2', 'json', '--print-config', '--print-config=a.csv', '--quiet', '--no-data', '--rule', '--unknown', '-q', '-qj2', '--fail-on', 'never', '-c', '--max-datasets', '-p', 'strict', '--jobs2'];
    const rand = prng(11);
    let lintRuns = 0;
    let otherRuns = 0;
    for (let n = 0; n < 4000; n++) {
      const argv = Array.from({ length: Math.floor(rand() * 7) }, () => words[Math.floor(rand() * words.length)]!);
      if (rand() < 0.2) argv.unshift(['rules', 'merge-reports', 'init', 'help'][Math.floor(rand() * 4)]!);
      const guess = lintFlagsInArgv(argv);
      const { command, flags } = await commander(argv);
      const what = JSON.stringify(argv);
      if (command === 'lint') {
        lintRuns++;
        expect(guess, what).toEqual({ ...(flags!.jobs !== undefined ? { jobs: flags!.jobs } : {}), ...(flags!.printConfig !== undefined ? { printConfig: flags!.printConfig } : {}) });
      } else if (command) {
        otherRuns++;
        expect(guess, what).toBeUndefined();
      }
      // No command ran (a usage error): threads started from a guess are destroyed unused.
    }
    expect(lintRuns).toBeGreaterThan(1000);
    expect(otherRuns).toBeGreaterThan(100);
  });

  it('starts nothing for the help, the version or another command, whatever else argv holds', async () => {
    for (const argv of [['--version'], ['-v'], ['--jobs', '2', '-v'], ['a.csv', '--jobs=2', '--help'], ['-h', '-j2'], ['rules', '--jobs', '2'], ['merge-reports', '-j', '2', 'a.jsonl'], ['help', 'lint', '-j2'], ['--jobs', '2', '-vx']]) {
      expect(lintFlagsInArgv(argv), argv.join(' ')).toBeUndefined();
    }
    // On the safe side: a value spelt as the help or version flag costs the early start, nothing else.
    const argv = ['lint', '-o', '-h', '--jobs', '2', 'a.csv'];
    expect(helpOrVersion(argv) && lintFlagsInArgv(argv)).toBeUndefined();
    expect((await commander(argv)).flags).toMatchObject({ jobs: '2', output: ['-h'] });
  });

  it('wants threads for two lanes or more, as the lint command reads --jobs', () => {
    for (const jobs of [undefined, '1', '0', '-2', '2.5', 'two', '', ' ']) expect(earlyJobs({ jobs }), String(jobs)).toBeUndefined();
    expect(earlyJobs({ jobs: '2', printConfig: 'data.csv' })).toBeUndefined(); // lints nothing
    expect(earlyJobs({ jobs: '2' })).toBe(2);
    expect(earlyJobs({ jobs: '08' })).toBe(8);
  });

  it('has V8 mark on the lanes when they take every core (--jobs absent or at least the cores) and no portal is read', () => {
    // Absent: as many lanes as cores, whatever the machine.
    for (const cores of [1, 2, 16]) expect(marksOnLanes(['catalogue/', '--no-data'], cores), `${cores} cores`).toBe(true);
    expect(marksOnLanes(['lint', 'a.json', '-j2'], 2)).toBe(true);
    expect(marksOnLanes(['a.json', '--jobs=8'], 4)).toBe(true);
    expect(marksOnLanes(['a.json', '--jobs', '1'], 1)).toBe(true);
    // Fewer lanes than cores: the helpers have an idle core to mark on.
    expect(marksOnLanes(['a.json', '--jobs', '1'], 2)).toBe(false);
    expect(marksOnLanes(['a.json', '-j', '2'], 4)).toBe(false);
    // A portal's pages: the main thread holds their bytes, its heap near the memory goal.
    expect(marksOnLanes(['https://data.example.org', '--online'], 2)).toBe(false);
    expect(marksOnLanes(['a.json', '--compare', 'HTTP://example.org/r.json'], 2)).toBe(false);
    // A value the command refuses, no lint run, or one that lints nothing.
    for (const argv of [['a.json', '--jobs', 'two'], ['a.json', '-j', '0'], ['rules'], ['merge-reports', 'a.jsonl'], ['--version'], ['--print-config', 'a.json']]) {
      expect(marksOnLanes(argv, 2), argv.join(' ')).toBe(false);
    }
  });
});
