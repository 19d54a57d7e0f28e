import { describe, it, expect } from 'vitest';
import { execa } from 'execa';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../helpers/lint.js';
import { main } from '../../src/cli/index.js';
import { colorWanted } from '../../src/cli/color.js';
import { formatNames } from '../../src/reporters/index.js';
import type { Report } from '../../src/model/index.js';

// End-to-end: the CLI conventions CI maintainers and editors expect (ESLint's, mostly), through
// the built executable, in an environment without NO_COLOR/FORCE_COLOR: each test says what colour it wants.
const BIN = path.join(ROOT, 'bin', 'odlint.js');
const PLAIN_ENV = { PATH: process.env['PATH'] ?? '', TERM: 'xterm' };
const odlint = (args: string[], opts: { cwd?: string; input?: string; env?: Record<string, string> } = {}) =>
  execa('node', [BIN, ...args], { cwd: opts.cwd ?? ROOT, reject: false, stripFinalNewline: false, env: { ...PLAIN_ENV, ...opts.env }, extendEnv: false, ...(opts.input !== undefined ? { input: opts.input } : {}) });
const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'odlint-conv-'));
const ANSI = /\u001b\[\d+(;\d+)*m/;
const BAD = readFileSync(path.join(ROOT, 'fixtures/odlint/bad/dataset.yaml'), 'utf8');

/** fixtures/odlint/bad with its errors off: 3 warnings are left. */
const WARNINGS_ONLY = ['fixtures/odlint/bad', '--rule', 'licence/licence-missing=off', '--rule', 'data/file-missing=off'];

describe('--max-warnings', () => {
  it('says why the run failed, on stderr, whatever the format', async () => {
    const r = await odlint([...WARNINGS_ONLY, '--max-warnings', '2']);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('✖ 3 problems (0 errors, 3 warnings, 0 info) in 1 dataset');
    expect(r.stderr).toBe('odlint: too many warnings: 3 (maximum: 2, --max-warnings)\n');
    const json = await odlint([...WARNINGS_ONLY, '--max-warnings', '2', '-f', 'json']);
    expect(json.exitCode).toBe(1);
    expect((JSON.parse(json.stdout) as Report).summary.warnings).toBe(3);
    expect(json.stderr).toBe('odlint: too many warnings: 3 (maximum: 2, --max-warnings)\n');
    const enough = await odlint([...WARNINGS_ONLY, '--max-warnings', '3']);
    expect(enough.exitCode).toBe(0);
    expect(enough.stderr).toBe('');
  });

  it('with --quiet prints no "no problems" and still says why it failed', async () => {
    const r = await odlint([...WARNINGS_ONLY, '--max-warnings', '0', '--quiet']);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('0 errors in 1 dataset (3 warnings, 0 info not shown: --quiet)\n');
    expect(r.stdout).not.toContain('no problems');
    expect(r.stderr).toBe('odlint: too many warnings: 3 (maximum: 0, --max-warnings)\n');
  });
});

describe('standard input', () => {
  it('"-" lints a descriptor read from stdin, named <stdin>', async () => {
    const r = await odlint(['-', '-f', 'json'], { input: BAD });
    expect(r.exitCode).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.datasets.map((d) => d.source)).toEqual([{ format: 'odlint', file: '<stdin>', pointer: '' }]);
    expect(report.datasets[0]!.findings.map((f) => [f.ruleId, f.location.file, f.location.line])).toContainEqual(['licence/licence-missing', '<stdin>', 2]);
    // Its data reference resolves from the working directory: not there.
    expect(report.datasets[0]!.findings.map((f) => f.ruleId)).toContain('data/file-missing');
    expect(report.summary.inventory?.loaded).toMatchObject({ files: 1, datasets: 1 });
  });

  it('--stdin --stdin-filename names the input: report paths, data references, config overrides', async () => {
    const dir = tmp();
    mkdirSync(path.join(dir, 'ds', 'data'), { recursive: true });
    writeFileSync(path.join(dir, 'ds', 'data', 'counts.csv'), 'site,count\na,1\nb,2\n');
    writeFileSync(path.join(dir, 'odlint.config.yaml'), 'extends: [recommended]\noverrides:\n  - files: ["ds/**"]\n    rules:\n      metadata/keywords-missing: error\n');
    const r = await odlint(['--stdin', '--stdin-filename', 'ds/dataset.yaml', '-f', 'json'], { cwd: dir, input: BAD });
    const report = JSON.parse(r.stdout) as Report;
    expect(report.datasets[0]!.source.file).toBe('ds/dataset.yaml');
    const byRule = new Map(report.datasets[0]!.findings.map((f) => [f.ruleId, f]));
    expect(byRule.has('data/file-missing')).toBe(false); // ds/data/counts.csv exists beside the name
    expect(byRule.get('metadata/keywords-missing')).toMatchObject({ severity: 'error', location: { file: 'ds/dataset.yaml', line: 2 } });
    // Files named besides "-" are linted too.
    const both = await odlint(['-', 'fixtures/odlint/good', '-f', 'json'], { input: BAD });
    expect((JSON.parse(both.stdout) as Report).datasets.map((d) => d.source.file)).toEqual(['<stdin>', 'fixtures/odlint/good/dataset.yaml']);
  });

  it('a broken descriptor on stdin is a finding; misuse is one line and exit 2', async () => {
    const broken = await odlint(['-', '--stdin-filename', 'x.json', '-f', 'json'], { input: '{"title": ' });
    expect(broken.exitCode).toBe(1);
    expect((JSON.parse(broken.stdout) as Report).files[0]).toMatchObject({ file: 'x.json', findings: [{ ruleId: 'core/parse-error', location: { file: 'x.json', line: 1 } }] });
    const cases: [string[], string][] = [
      [['fixtures/odlint/good', '--stdin-filename', 'x.json'], 'odlint: --stdin-filename names standard input: give it with --stdin or the input "-"\n'],
      [['-', '--stdin-filename', 'data.csv'], 'odlint: standard input is read as a descriptor, and data.csv names a data file: lint data files by their path\n'],
      [['-', '--fix'], 'odlint: --fix cannot write to standard input (use --fix-dry-run to see the fixes)\n'],
    ];
    for (const [args, stderr] of cases) {
      const r = await odlint(args, { input: BAD });
      expect(r.exitCode, args.join(' ')).toBe(2);
      expect(r.stderr).toBe(stderr);
    }
  });
});

describe('--print-config', () => {
  it('prints the settings that apply to a file, overrides and --rule included, and lints nothing', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'odlint.config.yaml'), 'extends: [recommended]\nignore: ["old/**"]\noverrides:\n  - files: ["hvd/**"]\n    rules:\n      metadata/description-too-short: { severity: error, options: { minLength: 200 } }\n');
    const r = await odlint(['--print-config', 'hvd/dataset.yaml', '--rule', 'metadata/keywords-missing=off'], { cwd: dir });
    expect(r.exitCode).toBe(0);
    const out = JSON.parse(r.stdout) as { file: string; configFile: string; ignored: boolean; rules: Record<string, unknown>; off: string[] };
    expect(out).toMatchObject({ file: 'hvd/dataset.yaml', configFile: 'odlint.config.yaml', ignored: false });
    expect(out.rules['metadata/description-too-short']).toEqual({ severity: 'error', options: { minLength: 200 } });
    expect(out.rules['licence/licence-missing']).toEqual({ severity: 'error' });
    expect(out.off).toContain('metadata/keywords-missing');
    const other = JSON.parse((await odlint(['--print-config', 'old/dataset.yaml'], { cwd: dir })).stdout) as typeof out;
    expect(other.ignored).toBe(true);
    expect(other.rules['metadata/description-too-short']).toEqual({ severity: 'warning', options: { minLength: 101 } });
  });
});

describe('.odlintignore and --ignore-pattern', () => {
  const setup = () => {
    const dir = tmp();
    for (const name of ['a', 'b', 'drafts/c', 'drafts/keep']) {
      mkdirSync(path.join(dir, name), { recursive: true });
      writeFileSync(path.join(dir, name, 'dataset.yaml'), BAD.replace('data/counts.csv', 'https://example.org/counts.csv'));
    }
    return dir;
  };
  const files = (stdout: string) => (JSON.parse(stdout) as Report).datasets.map((d) => d.source.file);

  it('ignores what .odlintignore says, in gitignore syntax (folders, negation, comments)', async () => {
    const dir = setup();
    writeFileSync(path.join(dir, '.odlintignore'), '# drafts are not published\ndrafts/\n!drafts/keep/\nb/dataset.yaml\n');
    // gitignore: a file cannot be re-included when its folder is excluded, so keep/ stays out.
    expect(files((await odlint(['-f', 'json'], { cwd: dir })).stdout)).toEqual(['a/dataset.yaml']);
    writeFileSync(path.join(dir, '.odlintignore'), 'drafts/*\n!drafts/keep\n');
    expect(files((await odlint(['-f', 'json'], { cwd: dir })).stdout)).toEqual(['a/dataset.yaml', 'b/dataset.yaml', 'drafts/keep/dataset.yaml']);
  });

  it('--ignore-pattern adds patterns; an input left with nothing is exit 2', async () => {
    const dir = setup();
    const r = await odlint(['-f', 'json', '--ignore-pattern', 'drafts', '--ignore-pattern', '/a/'], { cwd: dir });
    expect(files(r.stdout)).toEqual(['b/dataset.yaml']);
    const none = await odlint(['drafts', '--ignore-pattern', '*.yaml'], { cwd: dir });
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toBe('odlint: no descriptor or data file found in drafts (2 files ignored by the configuration)\n');
    const stdin = await odlint(['-', '--stdin-filename', 'drafts/x.yaml', '--ignore-pattern', 'drafts/'], { cwd: dir, input: BAD });
    expect(stdin.exitCode).toBe(2);
    expect(stdin.stderr).toBe('odlint: no descriptor found in standard input (drafts/x.yaml is ignored by the configuration)\n');
  });
});

describe('--fix-dry-run', () => {
  it('says each fix, reports as if written, and writes nothing (files and stdin)', async () => {
    const dir = tmp();
    cpSync(path.join(ROOT, 'fixtures/fix/dataset.yaml'), path.join(dir, 'dataset.yaml'));
    const before = readFileSync(path.join(dir, 'dataset.yaml'), 'utf8');
    const r = await odlint(['dataset.yaml', '--fix-dry-run', '-f', 'json'], { cwd: dir });
    expect(readFileSync(path.join(dir, 'dataset.yaml'), 'utf8')).toBe(before);
    expect(r.stderr.split('\n').sort()).toEqual(
      ['', '  dataset.yaml /distributions/0/licence: "GPL-3.0" → "GPL-3.0-only"', '  dataset.yaml /licence: "CC-BY 4.0" → "CC-BY-4.0"', 'odlint: --fix-dry-run: 2 fixes would be written (nothing was):'].sort(),
    );
    const dry = JSON.parse(r.stdout) as Report;
    const fixed = JSON.parse((await odlint(['dataset.yaml', '-f', 'json'], { cwd: dir })).stdout) as Report;
    expect(fixed.summary.warnings + fixed.summary.infos).toBeGreaterThan(dry.summary.warnings + dry.summary.infos);
    expect(dry.datasets[0]!.findings.some((f) => f.ruleId === 'licence/deprecated-spdx-id')).toBe(false);
    const stdin = await odlint(['-', '--stdin-filename', 'dataset.yaml', '--fix-dry-run', '-f', 'json'], { cwd: dir, input: before });
    expect(stdin.stderr).toBe(r.stderr);
    expect(stdin.stdout).toBe(r.stdout);
    expect((await odlint(['dataset.yaml', '--fix', '--fix-dry-run'], { cwd: dir })).stderr).toBe('odlint: use either --fix or --fix-dry-run, not both\n');
  });
});

describe('colours', () => {
  it('follow --color/--no-color, then FORCE_COLOR, NO_COLOR, TERM=dumb, then the terminal', () => {
    const tty = { isTTY: true, env: {} };
    expect(colorWanted(undefined, tty)).toBe(true);
    expect(colorWanted(undefined, { isTTY: false, env: {} })).toBe(false);
    expect(colorWanted(undefined, { isTTY: true, env: { TERM: 'dumb' } })).toBe(false);
    expect(colorWanted(undefined, { isTTY: true, env: { NO_COLOR: '1' } })).toBe(false);
    expect(colorWanted(undefined, { isTTY: false, env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).toBe(true);
    expect(colorWanted(undefined, { isTTY: true, env: { FORCE_COLOR: '0' } })).toBe(false);
    expect(colorWanted(true, { isTTY: false, env: { NO_COLOR: '1', TERM: 'dumb' } })).toBe(true);
    expect(colorWanted(false, { isTTY: true, env: { FORCE_COLOR: '1' } })).toBe(false);
  });

  it('reach the stylish output', async () => {
    expect((await odlint(['fixtures/odlint/bad'])).stdout).not.toMatch(ANSI); // piped: none
    expect((await odlint(['fixtures/odlint/bad', '--color'])).stdout).toMatch(ANSI);
    expect((await odlint(['fixtures/odlint/bad'], { env: { FORCE_COLOR: '1' } })).stdout).toMatch(ANSI);
    expect((await odlint(['fixtures/odlint/bad', '--no-color'], { env: { FORCE_COLOR: '1' } })).stdout).not.toMatch(ANSI);
    expect((await odlint(['fixtures/odlint/bad', '--color', '-o', path.join(tmp(), 'r.txt')])).stdout).toBe(''); // files: never
    // On a terminal, TERM=dumb and NO_COLOR turn them off.
    const onTerminal = async (env: Record<string, string>) => {
      let out = '';
      await main(['fixtures/odlint/bad'], { stdout: (t) => (out += t), stderr: () => {}, cwd: ROOT, isTTY: true, env });
      return out;
    };
    expect(await onTerminal({})).toMatch(ANSI);
    expect(await onTerminal({ TERM: 'dumb' })).not.toMatch(ANSI);
    expect(await onTerminal({ NO_COLOR: '1' })).not.toMatch(ANSI);
  });
});

describe('custom formatters', () => {
  it('loads a formatter module by path: a function of the report, or a streaming formatter', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'count.mjs'), 'export default (report, context) => `${report.summary.errors} errors, ${report.datasets.length} datasets, quiet=${context.quiet}\\n`;\n');
    writeFileSync(
      path.join(dir, 'stream.mjs'),
      'export default { name: "lines", open(ctx, write) { return { dataset(d) { for (const f of d.findings) if (!ctx.quiet || f.severity === "error") write(f.ruleId + "\\n"); }, file() {}, end(s) { write("end " + s.datasets + "\\n"); } }; } };\n',
    );
    const fn = await odlint(['fixtures/odlint/bad', '-f', path.join(dir, 'count.mjs')]);
    expect(fn.exitCode).toBe(1);
    expect(fn.stdout).toBe('2 errors, 1 datasets, quiet=false\n');
    // A relative path is resolved from the working directory.
    expect((await odlint([path.join(ROOT, 'fixtures/odlint/bad'), '-f', './count.mjs'], { cwd: dir })).stdout).toBe(fn.stdout);
    const stream = await odlint(['fixtures/odlint/bad', '--quiet', '-f', 'json', '-o', path.join(dir, 'r.json'), '-f', path.join(dir, 'stream.mjs')]);
    expect(stream.stdout).toBe('licence/licence-missing\ndata/file-missing\nend 1\n');
  });

  it('a missing or broken formatter module is one line and exit 2', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'bad.mjs'), 'export default 42;\n');
    const missing = await odlint(['fixtures/odlint/bad', '-f', './nope.js']);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toBe('odlint: cannot find the formatter module ./nope.js\n');
    const broken = await odlint(['fixtures/odlint/bad', '-f', path.join(dir, 'bad.mjs')]);
    expect(broken.exitCode).toBe(2);
    expect(broken.stderr).toMatch(/^odlint: cannot load the formatter .*bad\.mjs: its default export is neither a function \(report, context\) => string nor a formatter with open\(\)\n$/);
  });
});

describe('help and completion', () => {
  it('top-level --help shows the lint options and lists the formats', async () => {
    const r = await odlint(['--help']);
    expect(r.exitCode).toBe(0);
    for (const flag of ['--max-warnings', '--stdin-filename', '--print-config', '--ignore-pattern', '--fix-dry-run', '--base-path', '--csv-bom', 'completion']) expect(r.stdout).toContain(flag);
    const formats = /-f, --format <name>\s+output format: ([^]*?), or the path/.exec(r.stdout)![1]!.split(/,\s+/);
    expect(formats).toEqual(formatNames());
  });

  it('prints completion scripts for bash, zsh and fish that offer commands, options and formats', async () => {
    for (const shell of ['bash', 'zsh', 'fish']) {
      const r = await odlint(['completion', shell]);
      expect(r.exitCode, shell).toBe(0);
      for (const word of ['merge-reports', 'max-warnings', 'stdin-filename', 'sarif', 'brussels']) expect(r.stdout, `${shell} ${word}`).toContain(word);
    }
    const dir = tmp();
    writeFileSync(path.join(dir, 'odlint.bash'), (await odlint(['completion', 'bash'])).stdout);
    // The bash script parses, and completes `odlint -f sa` to sarif.
    const bash = await execa('bash', ['-c', `source ${dir}/odlint.bash; COMP_WORDS=(odlint -f sa); COMP_CWORD=2; _odlint; echo "\${COMPREPLY[@]}"`], { reject: false });
    expect(bash.stdout.trim()).toBe('sarif');
    const unknown = await odlint(['completion', 'tcsh']);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toBe('odlint: no completion for the shell "tcsh" (available: bash, zsh, fish)\n');
  });
});

describe('odlint rules', () => {
  const run = async (args: string[], isTTY: boolean, columns?: number, env: Record<string, string> = {}) => {
    let out = '';
    await main(args, { stdout: (t) => (out += t), stderr: () => {}, cwd: ROOT, isTTY, env, ...(columns ? { stdoutColumns: columns } : {}) });
    return out;
  };

  it('fits each line to the terminal and shows severity, fixable and presets', async () => {
    for (const columns of [60, 80, 120]) {
      const lines = (await run(['rules'], true, columns)).split('\n');
      expect(Math.max(...lines.map((l) => [...l].length)), String(columns)).toBeLessThanOrEqual(columns);
    }
    const piped = await run(['rules'], false);
    expect(Math.max(...piped.split('\n').map((l) => [...l].length))).toBeLessThanOrEqual(100);
    expect(piped).toMatch(/^licence\/licence-not-canonical {2}info, fixable {2}presets: recommended$/m);
    expect(piped).toMatch(/^licence\/licence-missing {2}error {2}presets: .*recommended.*\n {4}The dataset states no licence/m);
  });

  it('explain renders the Markdown docs on a terminal, and keeps them Markdown when piped', async () => {
    const piped = await run(['rules', 'explain', 'metadata/description-too-short'], false);
    expect(piped).toContain('\n# metadata/description-too-short\n');
    expect(piped).not.toMatch(ANSI);
    const tty = await run(['rules', 'explain', 'metadata/description-too-short'], true, 80);
    expect(tty).toMatch(ANSI);
    expect(tty).not.toContain('\n# metadata/description-too-short\n');
    expect(tty).not.toContain('```');
    expect(tty).toContain('minLength (integer, default 101)');
    expect(await run(['rules', 'explain', 'metadata/description-too-short'], true, 80, { TERM: 'dumb' })).toBe(piped);
  });
});
