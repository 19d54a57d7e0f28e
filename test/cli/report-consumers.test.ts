import { describe, it, expect } from 'vitest';
import { execa } from 'execa';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../helpers/lint.js';

// End-to-end: reports as the programs that read them expect them (GitHub code scanning and
// annotations, Excel, CI test reports), through the built executable.
const BIN = path.join(ROOT, 'bin', 'odlint.js');
const odlint = (args: string[], cwd = ROOT) => execa('node', [BIN, ...args], { cwd, reject: false, stripFinalNewline: false, env: { NO_COLOR: '1' } });
const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'odlint-consumers-'));

interface SarifLog {
  runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region?: { startLine: number } } }[] }[] }[];
}
const uris = (stdout: string) => [...new Set((JSON.parse(stdout) as SarifLog).runs[0]!.results.map((r) => JSON.stringify(r.locations[0]!.physicalLocation.artifactLocation)))].map((s) => JSON.parse(s) as unknown);

describe('--base-path', () => {
  const GOOD = path.join(ROOT, 'fixtures/odlint/good');

  it('makes SARIF, GitHub, GitLab and JUnit paths relative to the repository root, also for inputs outside the working directory', async () => {
    // Run from a subfolder, linting a sibling: paths relative to cwd would start with "..".
    const plain = await odlint(['../bad', '-f', 'sarif'], GOOD);
    expect(uris(plain.stdout)).toEqual([{ uri: pathToFileURL(path.join(ROOT, 'fixtures/odlint/bad/dataset.yaml')).href }]);
    const based = await odlint(['../bad', '-f', 'sarif', '--base-path', '../../..'], GOOD);
    expect(uris(based.stdout)).toEqual([{ uri: 'fixtures/odlint/bad/dataset.yaml', uriBaseId: 'SRCROOT' }]);
    const github = await odlint(['../bad', '-f', 'github', '--base-path', ROOT], GOOD);
    expect(github.stdout).toContain('::error file=fixtures/odlint/bad/dataset.yaml,line=2,col=1,title=odlint licence/licence-missing::');
    const junit = await odlint(['../bad', '-f', 'junit', '--base-path', ROOT], GOOD);
    expect(junit.stdout).toContain('<property name="file" value="fixtures/odlint/bad/dataset.yaml"/>');
    expect(junit.stdout).not.toContain('"../');
    const gitlab = await odlint(['../bad', '-f', 'gitlab', '--base-path', ROOT], GOOD);
    expect(JSON.parse(gitlab.stdout)[0].location).toEqual({ path: 'fixtures/odlint/bad/dataset.yaml', lines: { begin: 2 } });
    // GitLab wants relative paths: outside the base it gets a "../" one.
    expect(JSON.parse((await odlint(['../bad', '-f', 'gitlab'], GOOD)).stdout)[0].location.path).toBe('../bad/dataset.yaml');
    // The JSON report keeps paths relative to the working directory, as before.
    expect(JSON.parse((await odlint(['../bad', '-f', 'json', '--base-path', ROOT], GOOD)).stdout).datasets[0].source.file).toBe('../bad/dataset.yaml');
  });
});

describe('--csv-bom', () => {
  it('starts the CSV reports with a UTF-8 byte-order mark, for Excel', async () => {
    const dir = tmp();
    await odlint(['fixtures/odlint/bad', '--csv-bom', '-f', 'csv', '-o', path.join(dir, 'f.csv'), '-f', 'scorecard-csv', '-o', path.join(dir, 's.csv')]);
    for (const f of ['f.csv', 's.csv']) {
      const bytes = readFileSync(path.join(dir, f));
      expect([...bytes.subarray(0, 3)], f).toEqual([0xef, 0xbb, 0xbf]);
      expect(bytes.subarray(3, 11).toString(), f).toBe('dataset,');
    }
    const plain = readFileSync(path.join(dir, 'f.csv'));
    await odlint(['fixtures/odlint/bad', '-o', path.join(dir, 'f.csv')]);
    expect(readFileSync(path.join(dir, 'f.csv')).subarray(0, 8).toString()).toBe('dataset,');
    expect(plain.length).toBe(readFileSync(path.join(dir, 'f.csv')).length + 3);
  });
});
