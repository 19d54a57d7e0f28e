import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/index.js';
import type { Report } from '../../src/model/index.js';
import { FIXTURES } from '../helpers/lint.js';

/**
 * Exit-code policy and baselines, through the CLI's main function. Each test works in a copy of
 * fixtures/udata/bad (2 warnings: description-too-short, keywords-missing; 1 error:
 * licence-missing) so it can edit the descriptor.
 */
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'odlint-cli-'));
  cpSync(path.join(FIXTURES, 'udata', 'bad', 'datasets.json'), path.join(dir, 'datasets.json'));
  // The fixture's only distribution is a PDF and it has no contact point: the format rules' and
  // contact-point-missing's findings would change the counts.
  writeFileSync(
    path.join(dir, 'odlint.config.yaml'),
    'extends: [recommended]\nrules:\n  format/proprietary-only: off\n  format/format-not-machine-readable: off\n  metadata/contact-point-missing: off\n',
  );
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: dir, isTTY: false, env: {} });
  return { code, stdout, stderr };
}
const json = (out: string) => JSON.parse(out) as Report;

describe('--fail-on and --max-warnings', () => {
  it('fails on errors by default, and on warnings or never when asked', async () => {
    expect((await run('datasets.json', '-f', 'json')).code).toBe(1);
    expect((await run('datasets.json', '-f', 'json', '--fail-on', 'never')).code).toBe(0);
    expect((await run('datasets.json', '-f', 'json', '--rule', 'licence/licence-missing=off')).code).toBe(0);
    expect((await run('datasets.json', '-f', 'json', '--rule', 'licence/licence-missing=off', '--fail-on', 'warning')).code).toBe(1);
  });

  it('fails when there are more warnings than --max-warnings', async () => {
    const base = ['datasets.json', '-f', 'json', '--fail-on', 'never'];
    expect((await run(...base, '--max-warnings', '2')).code).toBe(0);
    expect((await run(...base, '--max-warnings', '1')).code).toBe(1);
    const bad = await run(...base, '--max-warnings', 'two');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('odlint: --max-warnings expects a non-negative integer (got "two")\n');
  });
});

describe('baselines', () => {
  it('--baseline-write records every finding; --baseline then reports only new ones', async () => {
    const write = await run('datasets.json', '-f', 'json', '--baseline-write', 'odlint-baseline.json');
    expect(write.code).toBe(0);
    expect(write.stderr).toBe('odlint: baseline of 3 findings written to odlint-baseline.json\n');
    expect(json(write.stdout).summary).toMatchObject({ errors: 0, warnings: 0, baselined: 3 });
    const baseline = JSON.parse(readFileSync(path.join(dir, 'odlint-baseline.json'), 'utf8'));
    expect(baseline.findings.map((f: { ruleId: string }) => f.ruleId).sort()).toEqual(['licence/licence-missing', 'metadata/description-too-short', 'metadata/keywords-missing']);

    // Unchanged data: nothing new, exit 0 even with --fail-on warning.
    const same = await run('datasets.json', '-f', 'json', '--baseline', 'odlint-baseline.json', '--fail-on', 'warning');
    expect(same.code).toBe(0);
    expect(json(same.stdout).summary).toMatchObject({ errors: 0, warnings: 0, baselined: 3 });

    // A new problem: the title is emptied → one new finding, reported and failing.
    const file = path.join(dir, 'datasets.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"title": "Compteurs vélo"', '"title": ""'));
    const changed = await run('datasets.json', '-f', 'json', '--baseline', 'odlint-baseline.json');
    const report = json(changed.stdout);
    expect(report.datasets.flatMap((d) => d.findings).map((f) => f.ruleId)).toEqual(['metadata/title-missing']);
    expect(report.summary).toMatchObject({ errors: 1, baselined: 3 });
    expect(changed.code).toBe(1);
  });

  it('shares its fingerprints with SARIF partialFingerprints', async () => {
    await run('datasets.json', '-f', 'json', '--baseline-write', 'b.json');
    const sarif = JSON.parse((await run('datasets.json', '-f', 'sarif')).stdout);
    const baseline = JSON.parse(readFileSync(path.join(dir, 'b.json'), 'utf8'));
    expect(sarif.runs[0].results.map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints['odlint/v1']).sort()).toEqual(
      baseline.findings.map((f: { fingerprint: string }) => f.fingerprint).sort(),
    );
  });

  it('a missing or invalid baseline is a usage error with one line', async () => {
    const missing = await run('datasets.json', '--baseline', 'nope.json');
    expect([missing.code, missing.stderr, missing.stdout]).toEqual([2, 'odlint: baseline file nope.json not found\n', '']);
    writeFileSync(path.join(dir, 'broken.json'), '{"odlintBaseline": 1, "findings": [');
    const broken = await run('datasets.json', '--baseline', 'broken.json');
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^odlint: baseline file broken\.json is not valid JSON \(.+\)\n$/);
    writeFileSync(path.join(dir, 'other.json'), '{"findings": []}');
    const other = await run('datasets.json', '--baseline', 'other.json');
    expect([other.code, other.stderr]).toEqual([2, 'odlint: baseline file other.json is not an odlint baseline: / must have required property \'odlintBaseline\'\n']);
    const both = await run('datasets.json', '--baseline', 'a.json', '--baseline-write', 'b.json');
    expect([both.code, both.stderr]).toEqual([2, 'odlint: use either --baseline <file> or --baseline-write <file>, not both\n']);
  });
});

describe('every format from the CLI', () => {
  it('writes each format for a real lint run', async () => {
    for (const format of ['sarif', 'junit', 'github', 'markdown', 'csv', 'scorecard-csv', 'html']) {
      const r = await run('datasets.json', '-f', format, '--fail-on', 'never');
      expect(r.code, format).toBe(0);
      expect(r.stdout.length, format).toBeGreaterThan(100);
    }
    const scores = json((await run('datasets.json', '-f', 'json', '--fail-on', 'never')).stdout).datasets[0]!.score!;
    expect(scores.mqa!.notChecked).toEqual(['accessibility.accessUrlReachable', 'accessibility.downloadUrlReachable']);
  });
});
