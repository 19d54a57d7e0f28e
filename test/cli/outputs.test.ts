import { execFileSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURES, ROOT } from '../helpers/lint.js';

/**
 * Issue 18, outputs: reports go where -o points without ever replacing what is there by something
 * else — a symlink is written through, a FIFO or a device in place — and a failed write is one
 * line on stderr and exit code 2. Runs the built CLI on fixtures/odlint/good (clean: exit 0).
 */
const BIN = path.join(ROOT, 'bin', 'odlint.js');
const GOOD = path.join(FIXTURES, 'odlint', 'good');
const odlint = (args: string[], cwd: string) => execa('node', [BIN, GOOD, ...args], { cwd, reject: false, env: { NO_COLOR: '1' } });

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'odlint-out-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('write errors', { timeout: 120_000 }, () => {
  it('stdout on a full device: one line, exit 2, no stack trace', async () => {
    const r = await execa('sh', ['-c', `node "${BIN}" "${GOOD}" > /dev/full`], { reject: false, env: { NO_COLOR: '1' } });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe('odlint: cannot write to standard output: ENOSPC: no space left on device');
  });

  it('-o /dev/full: one line, exit 2, and the device node is still a device', async () => {
    const before = statSync('/dev/full');
    const r = await odlint(['-f', 'json', '-o', '/dev/full'], dir);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe('odlint: cannot write the json report to /dev/full: ENOSPC: no space left on device');
    const after = lstatSync('/dev/full');
    expect(after.isCharacterDevice()).toBe(true);
    expect(after.ino).toBe(before.ino);
    expect(after.rdev).toBe(before.rdev);
  });

  it('-o to a folder, to a dangling symlink or below a file: one line, exit 2', async () => {
    mkdirSync(path.join(dir, 'folder'));
    const r = await odlint(['-f', 'json', '-o', 'folder'], dir);
    expect([r.exitCode, r.stderr]).toEqual([2, 'odlint: cannot write the json report to folder: it is a folder']);
    symlinkSync('missing/target.json', path.join(dir, 'dangling.json'));
    const d = await odlint(['-o', 'dangling.json'], dir);
    expect([d.exitCode, d.stderr]).toEqual([2, 'odlint: cannot write the json report to dangling.json: it is a symlink to a missing file']);
    expect(readlinkSync(path.join(dir, 'dangling.json'))).toBe('missing/target.json');
    // A file where a folder is expected: ENOTDIR from the system, still one line.
    writeFileSync(path.join(dir, 'plain'), 'x');
    const n = await odlint(['-o', 'plain/report.json'], dir);
    expect(n.exitCode).toBe(2);
    expect(n.stderr).toMatch(/^odlint: cannot write the json report to plain\/report\.json: E[A-Z]+: [^\n]+$/);
  });
});

describe('where -o writes', { timeout: 120_000 }, () => {
  it('a symlink: the target gets the report, the link stays a link', async () => {
    mkdirSync(path.join(dir, 'reports'));
    writeFileSync(path.join(dir, 'reports', 'odlint-2026.json'), 'old');
    symlinkSync('reports/odlint-2026.json', path.join(dir, 'latest.json'));
    const r = await odlint(['-o', 'latest.json'], dir);
    expect(r.exitCode).toBe(0);
    expect(lstatSync(path.join(dir, 'latest.json')).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(path.join(dir, 'reports', 'odlint-2026.json'), 'utf8')).summary.errors).toBe(0);
    expect(readdirSync(path.join(dir, 'reports'))).toEqual(['odlint-2026.json']); // no temporary file left
  });

  it('an existing file keeps its mode', async () => {
    const file = path.join(dir, 'report.json');
    writeFileSync(file, 'old', { mode: 0o640 });
    const r = await odlint(['-o', 'report.json'], dir);
    expect(r.exitCode).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readFileSync(file, 'utf8')).toContain('"schemaVersion"');
  });

  it('a FIFO: written in place for the reader at the other end, never renamed over', async () => {
    const fifo = path.join(dir, 'report.fifo');
    execFileSync('mkfifo', [fifo]);
    const reader = execa('cat', [fifo]);
    const r = await odlint(['-f', 'json', '-o', fifo], dir);
    const { stdout } = await reader;
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(stdout).summary.errors).toBe(0);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(dir)).toEqual(['report.fifo']);
  });

  it('/dev/stdout, /dev/null and /dev/fd/1: written in place', async () => {
    const r = await odlint(['-f', 'json', '-o', '/dev/stdout'], dir);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout).summary.errors).toBe(0);
    const n = await odlint(['-f', 'json', '-o', '/dev/null'], dir);
    expect(n.exitCode).toBe(0);
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
    // /dev/fd/1 redirected to a file: written in place, after what stdout already holds (the
    // stylish report, written first through "-o -"), not renamed over.
    const s = await execa('sh', ['-c', `node "${BIN}" "${GOOD}" -f stylish -o - -f json -o /dev/fd/1 > out.txt`], { cwd: dir, reject: false, env: { NO_COLOR: '1' } });
    expect([s.exitCode, s.stderr]).toEqual([0, 'odlint: json report written to /dev/fd/1']);
    const text = readFileSync(path.join(dir, 'out.txt'), 'utf8');
    const stylish = (await odlint(['-f', 'stylish'], dir)).stdout;
    expect(text.startsWith(stylish)).toBe(true);
    expect(JSON.parse(text.slice(stylish.length)).summary.errors).toBe(0);
  });
});
