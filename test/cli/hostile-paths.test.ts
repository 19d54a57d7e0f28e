import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatNames } from '../../src/reporters/index.js';
import type { Report } from '../../src/model/index.js';
import { FIXTURES, ROOT } from '../helpers/lint.js';

/**
 * Issue 18, paths: a data path that symlinks out of the dataset folder must never be opened.
 * The built CLI runs on a copy of fixtures/odlint/good whose data file is a symlink to a file
 * outside the folder holding a secret; the secret must appear in no output of any format (an
 * strace-free check that the file was never read: its first line used to be printed).
 */
const BIN = path.join(ROOT, 'bin', 'odlint.js');
const SECRET = 'DB_PASSWORD=hunter2-secret';
const odlint = (args: string[], cwd: string) => execa('node', [BIN, ...args], { cwd, reject: false, env: { NO_COLOR: '1' } });

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'odlint-paths-'));
  writeFileSync(path.join(dir, 'secret.env'), `${SECRET}\nAPI_KEY=sk-live-0000\n`);
  cpSync(path.join(FIXTURES, 'odlint', 'good'), path.join(dir, 'ds'), { recursive: true });
  rmSync(path.join(dir, 'ds', 'data', 'population-by-sex.csv'));
  symlinkSync('../../secret.env', path.join(dir, 'ds', 'data', 'population-by-sex.csv'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const json = (stdout: string) => JSON.parse(stdout) as Report;
const findings = (r: Report) => [...r.datasets.flatMap((d) => d.findings), ...r.files.flatMap((f) => f.findings)];

describe('a data file symlinked out of the dataset folder', { timeout: 120_000 }, () => {
  it('is core/unsafe-path at the data path, and its content is in no output format', async () => {
    const r = await odlint(['ds', '-f', 'json'], dir);
    expect(r.exitCode).toBe(1);
    expect(findings(json(r.stdout))).toEqual([
      expect.objectContaining({
        ruleId: 'core/unsafe-path',
        messageId: 'linkOutside',
        severity: 'error',
        location: { file: 'ds/dataset.yaml', pointer: '/distributions/0/path', line: 39, column: 5 },
      }),
    ]);
    // Every format in one run, each to its own file (-o), with stylish also on stdout.
    const formats = formatNames();
    expect(formats.length).toBeGreaterThanOrEqual(9);
    const all = await odlint(['ds', ...formats.flatMap((f) => ['-f', f, '-o', `report.${f}`]), '-f', 'stylish'], dir);
    expect(all.exitCode).toBe(1);
    expect(all.stdout).toContain('core/unsafe-path');
    expect(`${all.stdout}${all.stderr}`).not.toMatch(/hunter2|DB_PASSWORD|sk-live/);
    for (const f of formats) {
      const text = readFileSync(path.join(dir, `report.${f}`), 'utf8');
      expect(text.length, f).toBeGreaterThan(0);
      expect(text, f).not.toMatch(/hunter2|DB_PASSWORD|sk-live/);
    }
  }, 120_000);

  it('is read when its real folder is allowed with --allow-root (the guard is what kept it out)', async () => {
    const r = await odlint(['ds', '-f', 'json', '--allow-root', '.'], dir);
    expect(findings(json(r.stdout)).some((f) => f.ruleId === 'core/unsafe-path')).toBe(false);
    expect(r.stdout).toContain('hunter2');
    // The config's allowedRoots do the same, relative to the config file.
    writeFileSync(path.join(dir, 'odlint.config.yaml'), 'allowedRoots: [.]\n');
    const c = await odlint(['ds', '-f', 'json'], dir);
    expect(findings(json(c.stdout)).some((f) => f.ruleId === 'core/unsafe-path')).toBe(false);
  });

  it('with --jobs 2 the workers get the allowed roots, and walk problems are file findings of the streamed report', async () => {
    cpSync(path.join(dir, 'ds'), path.join(dir, 'ds2'), { recursive: true, verbatimSymlinks: true });
    const guarded = await odlint(['ds', 'ds2', '-f', 'json', '--jobs', '2'], dir);
    expect(guarded.stdout).not.toMatch(/hunter2|DB_PASSWORD/);
    expect(findings(json(guarded.stdout)).filter((f) => f.ruleId === 'core/unsafe-path').map((f) => [f.messageId, f.location.file])).toEqual([
      ['linkOutside', 'ds/dataset.yaml'],
      ['linkOutside', 'ds2/dataset.yaml'],
    ]);
    const allowed = await odlint(['ds', 'ds2', '-f', 'json', '--jobs', '2', '--allow-root', '.'], dir);
    expect(findings(json(allowed.stdout)).some((f) => f.ruleId === 'core/unsafe-path')).toBe(false);
    expect(allowed.stdout).toContain('hunter2');
    // ds2 without its descriptor: its symlink is a walk problem, reported after ds's dataset.
    rmSync(path.join(dir, 'ds2', 'dataset.yaml'));
    const walked = await odlint(['ds', 'ds2', '-f', 'json', '--jobs', '2'], dir);
    expect(walked.stdout).not.toMatch(/hunter2|DB_PASSWORD/);
    expect(json(walked.stdout).files.flatMap((f) => f.findings.map((x) => [x.ruleId, x.messageId, f.file]))).toContainEqual([
      'core/unsafe-path',
      'walkLinkOutside',
      'ds2/data/population-by-sex.csv',
    ]);
  });

  it('found by a folder walk or a glob, with no descriptor: reported, not read', async () => {
    rmSync(path.join(dir, 'ds', 'dataset.yaml'));
    for (const input of ['ds', 'ds/data/*.csv', 'ds/**/*.csv']) {
      const r = await odlint([input, '-f', 'json'], dir);
      expect(r.exitCode, input).toBe(1);
      expect(r.stdout, input).not.toMatch(/hunter2|DB_PASSWORD/);
      expect(findings(json(r.stdout)).map((f) => [f.ruleId, f.messageId, f.location.file]), input).toEqual([
        ['core/unsafe-path', 'walkLinkOutside', 'ds/data/population-by-sex.csv'],
      ]);
    }
  });

  it('a symlinked folder leading out of the tree is not entered', async () => {
    mkdirSync(path.join(dir, 'elsewhere'));
    writeFileSync(path.join(dir, 'elsewhere', 'leak.csv'), `${SECRET}\n`);
    symlinkSync('../../elsewhere', path.join(dir, 'ds', 'data', 'more'));
    const r = await odlint(['ds', '-f', 'json'], dir);
    expect(r.stdout).not.toMatch(/hunter2|DB_PASSWORD/);
    expect(findings(json(r.stdout)).map((f) => [f.ruleId, f.messageId, f.location.file])).toContainEqual(['core/unsafe-path', 'walkLinkOutside', 'ds/data/more']);
  });

  it('a Table Schema symlinked out of the folder is not read either (its field names would be printed)', async () => {
    writeFileSync(path.join(dir, 'schema.json'), JSON.stringify({ fields: [{ name: SECRET, type: 'string' }] }));
    rmSync(path.join(dir, 'ds', 'data', 'population-by-sex.csv'));
    cpSync(path.join(FIXTURES, 'odlint', 'good', 'data', 'population-by-sex.csv'), path.join(dir, 'ds', 'data', 'population-by-sex.csv'));
    symlinkSync('../schema.json', path.join(dir, 'ds', 'schema.json'));
    const yaml = readFileSync(path.join(dir, 'ds', 'dataset.yaml'), 'utf8');
    writeFileSync(path.join(dir, 'ds', 'dataset.yaml'), yaml.replace(/    schema:\n(      .*\n|        .*\n)*/, '    schema: schema.json\n'));
    const r = await odlint(['ds', '-f', 'json'], dir);
    expect(r.stdout).not.toMatch(/hunter2|DB_PASSWORD/);
    expect(findings(json(r.stdout)).map((f) => [f.ruleId, f.messageId, f.location.pointer])).toContainEqual(['core/unsafe-path', 'linkOutside', '/distributions/0/schema']);
  });
});

describe('unreadable inputs', { timeout: 120_000 }, () => {
  /**
   * The run must fail the gate, not say "0 problems". Root ignores folder modes, so as root the
   * child runs as `nobody` (setpriv); a normal user runs it directly.
   */
  const asUnprivileged = (args: string[], cwd: string) => {
    if (process.getuid?.() !== 0) return odlint(args, cwd);
    return execa('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'node', BIN, ...args], { cwd, reject: false, env: { NO_COLOR: '1' } });
  };

  it('a folder that cannot be listed is core/unreadable with its path and code, and fails the run', async () => {
    cpSync(path.join(FIXTURES, 'odlint', 'good'), path.join(dir, 'catalogue', 'private'), { recursive: true });
    cpSync(path.join(FIXTURES, 'odlint', 'good'), path.join(dir, 'catalogue', 'open'), { recursive: true });
    chmodSync(dir, 0o755);
    chmodSync(path.join(dir, 'catalogue', 'private'), 0o000);
    try {
      const r = await asUnprivileged(['catalogue', '-f', 'json'], dir);
      expect(r.stderr).toBe('');
      expect(r.exitCode).toBe(1);
      const report = json(r.stdout);
      expect(report.files.flatMap((f) => f.findings)).toEqual([
        expect.objectContaining({ ruleId: 'core/unreadable', messageId: 'unreadable', severity: 'error', message: 'cannot read "catalogue/private" (EACCES): not linted', location: { file: 'catalogue/private' } }),
      ]);
      // The readable dataset beside it is still linted.
      expect(report.datasets.map((d) => d.source.file)).toEqual(['catalogue/open/dataset.yaml']);
    } finally {
      chmodSync(path.join(dir, 'catalogue', 'private'), 0o755);
    }
  });

  it('an unreadable data file or descriptor is a finding, not a crash of the run', async () => {
    cpSync(path.join(FIXTURES, 'odlint', 'good'), path.join(dir, 'catalogue', 'a'), { recursive: true });
    cpSync(path.join(FIXTURES, 'odlint', 'good'), path.join(dir, 'catalogue', 'b'), { recursive: true });
    chmodSync(dir, 0o755);
    chmodSync(path.join(dir, 'catalogue', 'a', 'data', 'population-by-sex.csv'), 0o000);
    chmodSync(path.join(dir, 'catalogue', 'b', 'dataset.yaml'), 0o000);
    const r = await asUnprivileged(['catalogue', '-f', 'json'], dir);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(1);
    expect(findings(json(r.stdout)).map((f) => [f.ruleId, f.messageId, f.location.file, f.message])).toEqual([
      ['core/data-unreadable', 'unreadable', 'catalogue/a/data/population-by-sex.csv', 'data file cannot be read: EACCES: permission denied'],
      ['core/parse-error', 'unreadable', 'catalogue/b/dataset.yaml', 'cannot read the file: EACCES: permission denied'],
    ]);
  });
});
