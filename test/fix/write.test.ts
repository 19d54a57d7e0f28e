import { chmodSync, chownSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/index.js';
import { FIXTURES, ROOT } from '../helpers/lint.js';

/**
 * Issue 18, `--fix` writes: the fixed descriptor keeps its mode, owner and symlink, and no
 * temporary copy of it is ever left behind. Uses fixtures/fix/dataset.yaml (two safe fixes).
 */
async function run(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, isTTY: false, env: {} });
  return { code, stdout, stderr };
}

const SOURCE = path.join(FIXTURES, 'fix', 'dataset.yaml');
const FIXED = readFileSync(SOURCE, 'utf8').replace('licence: CC-BY 4.0      ', 'licence: CC-BY-4.0      ').replace("licence: 'GPL-3.0'", "licence: 'GPL-3.0-only'");

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'odlint-fixwrite-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('--fix writes', () => {
  it('a private (0600) descriptor stays 0600, with its owner', async () => {
    const file = path.join(dir, 'dataset.yaml');
    cpSync(SOURCE, file);
    chmodSync(file, 0o600);
    // As root the file is given away first: the fix must give it back to its owner, not to root.
    const owner = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : { uid: statSync(file).uid, gid: statSync(file).gid };
    if (process.getuid?.() === 0) chownSync(file, owner.uid, owner.gid);
    const r = await run(['--fix', '-f', 'json', '.'], dir);
    expect(r.stderr).toBe('odlint: 2 fixes written to dataset.yaml (2)\n');
    expect(readFileSync(file, 'utf8')).toBe(FIXED);
    const st = statSync(file);
    expect(st.mode & 0o7777).toBe(0o600);
    expect({ uid: st.uid, gid: st.gid }).toEqual(owner);
    expect(readdirSync(dir)).toEqual(['dataset.yaml']);
  });

  it('a symlinked descriptor stays a symlink; its target is edited', async () => {
    mkdirSync(path.join(dir, 'shared'));
    mkdirSync(path.join(dir, 'ds'));
    const target = path.join(dir, 'shared', 'parks.yaml');
    cpSync(SOURCE, target);
    chmodSync(target, 0o640);
    symlinkSync('../shared/parks.yaml', path.join(dir, 'ds', 'dataset.yaml'));
    const r = await run(['--fix', '-f', 'json', 'ds/dataset.yaml'], dir);
    expect(r.stderr).toBe('odlint: 2 fixes written to ds/dataset.yaml (2)\n');
    expect(lstatSync(path.join(dir, 'ds', 'dataset.yaml')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(path.join(dir, 'ds', 'dataset.yaml'))).toBe('../shared/parks.yaml');
    expect(readFileSync(target, 'utf8')).toBe(FIXED);
    expect(statSync(target).mode & 0o7777).toBe(0o640);
    expect(readdirSync(path.join(dir, 'shared'))).toEqual(['parks.yaml']);
    expect(readdirSync(path.join(dir, 'ds'))).toEqual(['dataset.yaml']);
  });
});

describe('temporary files', () => {
  it('are removed when the process is stopped by SIGTERM or SIGINT, and the signal still ends it', async () => {
    const script = path.join(dir, 'child.mjs');
    const temps = path.join(ROOT, 'dist', 'src', 'util', 'temp-files.js');
    // The child records a temporary file as a write in progress would, then receives the signal.
    writeFileSync(
      script,
      `import { writeFileSync } from 'node:fs';
import { trackTemp } from ${JSON.stringify(temps)};
const tmp = process.argv[2];
trackTemp(tmp);
writeFileSync(tmp, 'a whole copy of the descriptor');
process.kill(process.pid, process.argv[3]);
setInterval(() => {}, 1000);
`,
    );
    for (const signal of ['SIGTERM', 'SIGINT']) {
      const tmp = path.join(dir, `.dataset.yaml.odlint-${signal}.tmp`);
      const r = await execa('node', [script, tmp, signal], { reject: false });
      expect(r.signal, signal).toBe(signal);
      expect(existsSync(tmp), signal).toBe(false);
    }
  });
});
