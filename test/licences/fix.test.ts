import { describe, it, expect } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/index.js';
import { fixText } from '../../src/fix/apply.js';
import { FIXTURES } from '../helpers/lint.js';
import type { Report } from '../../src/model/index.js';

/** Runs the CLI in-process in `cwd`; returns the exit code and what it wrote. */
async function run(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, isTTY: false, env: {} });
  return { code, stdout, stderr };
}

/** A temporary copy of fixtures/fix/dataset.yaml. */
function copy(): { dir: string; file: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'odlint-fix-'));
  cpSync(path.join(FIXTURES, 'fix', 'dataset.yaml'), path.join(dir, 'dataset.yaml'));
  return { dir, file: path.join(dir, 'dataset.yaml') };
}

const licenceFindings = (report: Report) =>
  report.datasets.flatMap((d) => d.findings).filter((f) => f.ruleId.startsWith('licence/')).map((f) => `${f.ruleId}:${f.messageId}@${f.location.pointer}`);

describe('--fix', () => {
  it('changes nothing without --fix', async () => {
    const { dir, file } = copy();
    const before = readFileSync(file);
    const { mtimeMs, ino } = statSync(file);
    const r = await run(['-f', 'json', '.'], dir);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(statSync(file)).toMatchObject({ mtimeMs, ino });
    expect(r.stderr).toBe('');
    expect(licenceFindings(JSON.parse(r.stdout) as Report)).toEqual([
      'licence/licence-not-canonical:notCanonical@/licence',
      'licence/deprecated-spdx-id:deprecated@/distributions/0/licence',
      'licence/distribution-licence-conflict:conflict@/distributions/0/licence',
      'licence/distribution-licence-conflict:conflict@/distributions/1/licence',
      'licence/licence-not-canonical:versionless@/distributions/1/licence',
    ]);
  });

  it('rewrites recognised licences to their identifier, keeping comments and quotes, atomically', async () => {
    const { dir, file } = copy();
    const before = readFileSync(file, 'utf8');
    const { ino } = statSync(file);
    const r = await run(['--fix', '-f', 'json', '.'], dir);
    expect(r.stderr).toBe('odlint: 2 fixes written to dataset.yaml (2)\n');
    expect(readFileSync(file, 'utf8')).toBe(
      before.replace('licence: CC-BY 4.0      ', 'licence: CC-BY-4.0      ').replace("licence: 'GPL-3.0'", "licence: 'GPL-3.0-only'"),
    );
    // Written beside and renamed over the original (a new inode), with no temporary file left.
    expect(statSync(file).ino).not.toBe(ino);
    expect(readdirSync(dir)).toEqual(['dataset.yaml']);
    // The fixed findings are gone from this run's report; what cannot be fixed safely stays.
    expect(licenceFindings(JSON.parse(r.stdout) as Report)).toEqual([
      'licence/distribution-licence-conflict:conflict@/distributions/0/licence',
      'licence/distribution-licence-conflict:conflict@/distributions/1/licence',
      'licence/licence-not-canonical:versionless@/distributions/1/licence',
    ]);
    // A second run has nothing left to fix.
    const again = await run(['--fix', '-f', 'json', '.'], dir);
    expect(again.stderr).toBe('');
  });

  it('leaves other descriptor formats alone: their ids follow their portal', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'odlint-fix-'));
    const ckan = path.join(dir, 'package.json');
    writeFileSync(ckan, readFileSync(path.join(FIXTURES, 'rules', 'licence-not-recognised', 'typo.json'), 'utf8').replace('odc-odbll', 'CC BY 4.0'));
    cpSync(path.join(FIXTURES, 'rules', 'licence-not-open', 'dataset.yaml'), path.join(dir, 'dataset.yaml'));
    const before = [readFileSync(ckan, 'utf8'), readFileSync(path.join(dir, 'dataset.yaml'), 'utf8')];
    const r = await run(['--fix', '-f', 'json', '.'], dir);
    expect(r.stderr).toBe('odlint: 2 fixes written to dataset.yaml (2)\n');
    expect(readFileSync(ckan, 'utf8')).toBe(before[0]);
    expect(licenceFindings(JSON.parse(r.stdout) as Report)).toContain('licence/licence-not-canonical:notCanonical@/license_id');
    expect(readFileSync(path.join(dir, 'dataset.yaml'), 'utf8')).toBe(
      before[1]!.replace('licence: CC BY-ND 4.0', 'licence: CC-BY-ND-4.0').replace('licence: Tous droits réservés', 'licence: all-rights-reserved'),
    );
  });
});

describe('fixText', () => {
  const fix = (pointer: string, from: string, to: string) => ({ file: 'x', pointer, from, to });

  it('replaces only the value, in the quoting style it had', () => {
    const text = 'a: "x y"   # note\nb:\n  - c: \'q\'\n  - d\n';
    const { text: out, applied } = fixText(text, [fix('/a', 'x y', 'X-Y'), fix('/b/0/c', 'q', "it's")]);
    expect(out).toBe('a: "X-Y"   # note\nb:\n  - c: \'it\'\'s\'\n  - d\n');
    expect(applied.size).toBe(2);
  });

  it('quotes a new value that would not read back as the same string', () => {
    expect(fixText('licence: x\n', [fix('/licence', 'x', 'true')]).text).toBe('licence: "true"\n');
    expect(fixText('licence: x\n', [fix('/licence', 'x', 'a: b')]).text).toBe('licence: "a: b"\n');
  });

  it('skips a value that no longer reads what the rule saw, or is not a scalar', () => {
    expect(fixText('licence: y\n', [fix('/licence', 'x', 'z')])).toEqual({ text: 'licence: y\n', applied: new Set() });
    expect(fixText('licence: {id: x}\n', [fix('/licence', 'x', 'z')]).applied.size).toBe(0);
    expect(fixText('licence: x\n', [fix('/missing', 'x', 'z')]).applied.size).toBe(0);
  });

  it('works on JSON too', () => {
    expect(fixText('{\n  "license_id": "CC BY 4.0"\n}\n', [fix('/license_id', 'CC BY 4.0', 'CC-BY-4.0')]).text).toBe('{\n  "license_id": "CC-BY-4.0"\n}\n');
  });
});
