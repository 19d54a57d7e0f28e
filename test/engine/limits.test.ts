import { describe, it, expect } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { parseJson, parseYaml, SyntaxProblem } from '../../src/loaders/parse.js';
import { decodeDescriptor } from '../../src/loaders/decode.js';
import { fixText } from '../../src/fix/apply.js';
import { DEFAULT_LIMITS, LimitExceeded, resolveLimits } from '../../src/model/index.js';
import { ConfigError } from '../../src/config/types.js';
import { allFindings, lintReport } from '../helpers/lint.js';

function limitHit(fn: () => unknown): LimitExceeded {
  try {
    fn();
  } catch (e) {
    if (e instanceof LimitExceeded) return e;
    throw e;
  }
  throw new Error('no limit was hit');
}

function tmp(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'odlint-limits-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const nestedJson = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);

describe('depth (JSON and YAML descriptors)', () => {
  it('parses JSON nested exactly limits.depth deep; one more is a LimitExceeded at the bracket', () => {
    expect(() => parseJson(nestedJson(DEFAULT_LIMITS.depth))).not.toThrow();
    const e = limitHit(() => parseJson(nestedJson(DEFAULT_LIMITS.depth + 1)));
    expect([e.limit, e.max, e.where]).toEqual(['depth', 256, { line: 1, column: 5 * 256 + 1 }]);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(parseJson(JSON.stringify({ a: '[[[[\\"[[[[' })).data).toEqual({ a: '[[[[\\"[[[[' });
    expect(() => parseJson(`{"a": "${'['.repeat(10)}"}`, resolveLimits({ depth: 1 }))).not.toThrow();
  });

  it('checks YAML block and flow nesting before composing the document', () => {
    const block = (n: number) => Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}k:`).join('\n') + ' 1\n';
    expect(parseYaml(block(3), resolveLimits({ depth: 3 })).data).toEqual({ k: { k: { k: 1 } } });
    const e = limitHit(() => parseYaml(block(4), resolveLimits({ depth: 3 })));
    expect([e.limit, e.where]).toEqual(['depth', { line: 4, column: 7 }]);
    expect(limitHit(() => parseYaml('a: ' + '['.repeat(2500) + ']'.repeat(2500))).where).toEqual({ line: 1, column: 4 + 255 });
  });
});

describe('parseErrors', () => {
  it('gives up after limits.parseErrors errors, quoting the first', () => {
    const e = limitHit(() => parseJson('[' + '1 '.repeat(20), resolveLimits({ parseErrors: 5 })));
    expect([e.limit, e.where, e.data]).toEqual(['parseErrors', { line: 1, column: 4 }, { max: 5, first: "invalid JSON: ',' expected" }]);
  });
});

describe('yamlAliases (loader and fixer)', () => {
  const doc = (n: number) => `licence: CC-BY 4.0\nkw: &kw [a, b]\nextras:\n${Array.from({ length: n }, (_, i) => `  k${i}: *kw`).join('\n')}\n`;
  const fix = { file: 'x', pointer: '/licence', from: 'CC-BY 4.0', to: 'CC-BY-4.0' };

  it('loads and fixes a document within the limit, with the same limit', () => {
    expect(parseYaml(doc(200)).data).toMatchObject({ extras: { k199: ['a', 'b'] } });
    expect(fixText(doc(200), [fix]).applied.size).toBe(1);
  });

  it('past the limit the loader reports the first alias and the fixer leaves the file alone', () => {
    const limits = resolveLimits({ yamlAliases: 100 });
    const e = limitHit(() => parseYaml(doc(200), limits));
    expect([e.limit, e.where]).toEqual(['yamlAliases', { line: 4, column: 7 }]);
    expect(fixText(doc(200), [fix], limits)).toEqual({ text: doc(200), applied: new Set() });
  });
});

describe('YAML aliases without their anchor', () => {
  it('are a syntax problem at the alias (the yaml library throws while building the data)', () => {
    let problem: unknown;
    try {
      parseYaml('title: x\nlicence: *missing\n');
    } catch (e) {
      problem = e;
    }
    expect(problem).toBeInstanceOf(SyntaxProblem);
    expect(problem).toMatchObject({ message: 'invalid YAML: Unresolved alias (the anchor must be set before the alias): missing', line: 2, column: 10 });
  });
});

describe('decodeDescriptor', () => {
  it('decodes UTF-16 and UTF-32 by their BOM, and UTF-8 as is', () => {
    for (const enc of ['utf-16le', 'utf-16be', 'utf-32le', 'utf-32be']) expect(decodeDescriptor(iconv.encode('\uFEFFtitle: é', enc)), enc).toBe('title: é');
    expect(decodeDescriptor(Buffer.from('\uFEFFtitle: é'))).toBe('\uFEFFtitle: é');
    expect(decodeDescriptor(Buffer.from([0xff]))).toBe('\uFFFD');
  });
});

describe('limits from the config file', () => {
  const brief = (r: Awaited<ReturnType<typeof lintReport>>) => allFindings(r, 'core/limit-exceeded').map((f) => [f.messageId, f.location, f.message]);

  it('applies `limits:` to descriptors and data files; the other inputs are still linted', async () => {
    const dir = tmp({
      'odlint.config.yaml': 'limits:\n  depth: 2\n  columns: 3\n  cellsPerRow: 4\n',
      'deep.json': '{"a": {"b": {"c": 1}}}',
      'wide.csv': 'a,b,c,d\n1,2,3,4\n',
      'ragged.csv': 'a,b,c\n1,2,3\n1,2,3,4,5\n',
      'deep.geojson': '{"type": "FeatureCollection", "features": [[]]}',
      'ok.csv': 'a,b\n1,2\n',
    });
    const report = await lintReport(['.'], { cwd: dir, configFile: path.join(dir, 'odlint.config.yaml') });
    expect(brief(report).sort()).toEqual([
      ['cellsPerRow', { file: 'ragged.csv', row: 3, line: 3 }, 'a record has 5 cells, more than 4 (limits.cellsPerRow): the rest of the file was not read'],
      ['columns', { file: 'wide.csv', row: 1, line: 1 }, 'the header has 4 columns, more than 3 (limits.columns): the rows were not read'],
      ['depth', { file: 'deep.geojson', line: 1, column: 44 }, 'nested deeper than 2 levels (limits.depth): the file was not checked further'],
      ['depth', { file: 'deep.json', line: 1, column: 13 }, 'nested deeper than 2 levels (limits.depth): the file was not checked further'],
    ]);
    expect(report.datasets.map((d) => d.id)).toContain('ok.csv');
  });

  it('bounds JSON Lines per line (depth) and per file (bad lines), the good records still load', async () => {
    const record = JSON.stringify({ name: 'ok', title: 'OK', notes: 'n', license_id: 'cc-by', resources: [] });
    const dir = tmp({
      'odlint.config.yaml': 'limits:\n  depth: 3\n  parseErrors: 2\n',
      'deep.jsonl': `${record}\n${nestedJson(4)}\n`,
      'garbage.jsonl': 'x\ny\nz\nw\n',
    });
    const report = await lintReport(['deep.jsonl', 'garbage.jsonl'], { cwd: dir, configFile: path.join(dir, 'odlint.config.yaml') });
    expect(brief(report)).toEqual([
      ['depth', { file: 'deep.jsonl', line: 2, column: 16 }, 'nested deeper than 3 levels (limits.depth): the file was not checked further'],
      ['parseErrors', { file: 'garbage.jsonl', line: 3, column: 1 }, 'more than 2 syntax errors (limits.parseErrors), parsing gave up; the first: line 1: invalid JSON: unexpected character'],
    ]);
    expect(report.datasets.map((d) => d.title)).toEqual(['OK']);
  });

  it('abandons a data file past limits.secondsPerFile (the watchdog) at the row reached', async () => {
    const dir = tmp({ 'odlint.config.yaml': 'limits:\n  secondsPerFile: 0.000001\n', 'slow.csv': 'a,b\n' + '1,2\n'.repeat(100) });
    const report = await lintReport(['slow.csv'], { cwd: dir, configFile: path.join(dir, 'odlint.config.yaml') });
    expect(brief(report)).toEqual([['secondsPerFile', { file: 'slow.csv', row: 64, line: 64 }, 'the file took more than 0.000001 s (limits.secondsPerFile): it was abandoned']]);
  });

  it('stops parsing a YAML descriptor past limits.secondsPerFile (checked every 4096 lexemes)', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `k${i}: v`).join('\n');
    const dir = tmp({ 'odlint.config.yaml': 'limits:\n  secondsPerFile: 0.000001\n', 'slow/dataset.yaml': `title: slow\nextras:\n  ${lines.replace(/\n/g, '\n  ')}\n` });
    const report = await lintReport(['slow'], { cwd: dir, configFile: path.join(dir, 'odlint.config.yaml') });
    expect(brief(report).map(([messageId, location]) => [messageId, (location as { file: string }).file])).toEqual([['secondsPerFile', 'slow/dataset.yaml']]);
  });

  it('a config file beyond a limit is a config error naming it; a linked schema beyond one is a reference issue', async () => {
    const deepConfig = tmp({ 'odlint.config.yaml': `ignore: ${'['.repeat(300)}${']'.repeat(300)}\n` });
    const e = await lintReport(['.'], { cwd: deepConfig, configFile: path.join(deepConfig, 'odlint.config.yaml') }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as Error).message).toBe('odlint.config.yaml: the file goes beyond limits.depth (256) (line 1, column 264)'); // the map is level 1

    const dir = tmp({
      'datapackage.json': JSON.stringify({ name: 'p', resources: [{ name: 'r', path: 'r.csv', schema: 'schema.json' }] }),
      'r.csv': 'a\n1\n',
      'schema.json': nestedJson(300),
    });
    const report = await lintReport(['datapackage.json'], { cwd: dir });
    expect(allFindings(report, 'core/reference-unreadable').map((f) => f.message)).toEqual([expect.stringContaining('the file goes beyond limits.depth (256)')]);
  });

  it('refuses an unknown or non-positive limit (exit 2 before any work)', async () => {
    for (const bad of ['limits:\n  depht: 3\n', 'limits:\n  depth: 0\n', 'limits:\n  secondsPerFile: 0\n']) {
      const dir = tmp({ 'odlint.config.yaml': bad });
      await expect(lintReport(['.'], { cwd: dir, configFile: path.join(dir, 'odlint.config.yaml') })).rejects.toBeInstanceOf(ConfigError);
    }
  });
});
