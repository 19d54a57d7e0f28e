import { describe, it, expect } from 'vitest';
import { execa } from 'execa';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { ROOT, FIXTURES } from '../helpers/lint.js';
import type { Finding, Report } from '../../src/model/index.js';

// Issue 18: hostile and broken inputs, each linted through the built CLI next to a good dataset
// that must still be linted. A finding, no stack trace, never exit 2.
const BIN = path.join(ROOT, 'bin', 'odlint.js');
const odlint = (args: string[], cwd: string) => execa('node', [BIN, ...args], { cwd, reject: false, env: { NO_COLOR: '1' } });

/** A temporary folder holding a copy of the good odlint example (in `good/`) and the given files. */
function workspace(files: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'odlint-hostile-'));
  cpSync(path.join(FIXTURES, 'odlint', 'good'), path.join(dir, 'good'), { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

/** Runs `odlint -f json` on the inputs; checks the run itself went well and returns the report. */
async function lintJson(cwd: string, inputs: string[], extra: string[] = []): Promise<Report> {
  const r = await odlint(['-f', 'json', ...extra, ...inputs], cwd);
  expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  expect(r.exitCode).toBe(1);
  const report = JSON.parse(r.stdout) as Report;
  // The good dataset of the same run is linted.
  expect(report.datasets.map((d) => d.id)).toContain('population-by-sex-2023');
  return report;
}

const limitFindings = (report: Report): Pick<Finding, 'ruleId' | 'messageId' | 'location'>[] =>
  report.files.flatMap((f) => f.findings).map(({ ruleId, messageId, location }) => ({ ruleId, messageId, location }));

describe('hostile inputs (issue 18)', () => {
  it('JSON nested 2 500 deep: a depth finding, the run goes on', async () => {
    const dir = workspace({ 'deep.json': '['.repeat(2500) + ']'.repeat(2500) });
    const report = await lintJson(dir, ['deep.json', 'good']);
    expect(limitFindings(report)).toEqual([{ ruleId: 'core/limit-exceeded', messageId: 'depth', location: { file: 'deep.json', line: 1, column: 257 } }]);
  });

  it('YAML "billion laughs" in a dataset.yaml: an alias finding at the first alias', async () => {
    const lol = ['title: lol', 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
    'bcdefghi'.split('').forEach((n, i) => lol.push(`${n}: &${n} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(', ')}]`));
    const dir = workspace({ 'laughs/dataset.yaml': lol.join('\n') + '\n' });
    const report = await lintJson(dir, ['laughs', 'good']);
    expect(limitFindings(report)).toEqual([
      { ruleId: 'core/limit-exceeded', messageId: 'yamlAliases', location: { file: 'laughs/dataset.yaml', line: 3, column: 8 } },
    ]);
  });

  it('a dataset.yaml with 200 alias expansions lints and --fix fixes it (one alias limit for loader and fixer)', async () => {
    const text = readFileSync(path.join(FIXTURES, 'fix', 'dataset.yaml'), 'utf8').replace('keywords: [parks, green spaces]', 'keywords: &kw [parks, green spaces]');
    const aliases = Array.from({ length: 200 }, (_, i) => `  k${i}: *kw`).join('\n');
    const dir = workspace({ 'aliases/dataset.yaml': `${text}extras:\n${aliases}\n` });
    const r = await odlint(['--fix', '-f', 'json', 'aliases', 'good'], dir);
    expect(r.stderr).toBe('odlint: 2 fixes written to aliases/dataset.yaml (2)');
    expect(r.exitCode).toBe(0);
    const fixed = readFileSync(path.join(dir, 'aliases', 'dataset.yaml'), 'utf8');
    expect(fixed).toMatch(/^licence: CC-BY-4\.0 /m);
    expect(fixed).toContain('  k199: *kw\n');
    const report = JSON.parse(r.stdout) as Report;
    expect(report.datasets.map((d) => d.id).sort()).toEqual(['aliases/dataset.yaml#0', 'population-by-sex-2023']);
  });

  it('8 MiB of "a: b: c" lines in a dataset.yaml: the YAML parser stops at the depth limit', async () => {
    // Each line opens a map inside the previous one: the parser took a minute and 1.8 GB to build it.
    const dir = workspace({ 'abc/dataset.yaml': 'title: x\n' + 'a: b: c\n'.repeat(1024 * 1024) });
    const report = await lintJson(dir, ['abc', 'good']);
    expect(limitFindings(report)).toEqual([{ ruleId: 'core/limit-exceeded', messageId: 'depth', location: { file: 'abc/dataset.yaml', line: 257, column: 4 } }]);
  });

  it('a dataset.yaml map of 100 000 distinct keys and a repeat: one syntax error at the repeat', async () => {
    // The yaml library compared each key with every earlier one: over five minutes for this file.
    const keys = Array.from({ length: 100_000 }, (_, i) => `k${i}: 1\n`).join('');
    const dir = workspace({ 'keys/dataset.yaml': `title: x\n${keys}k7: 2\n` });
    const report = await lintJson(dir, ['keys', 'good']);
    expect(report.files.flatMap((f) => f.findings).map(({ ruleId, message, location }) => ({ ruleId, message, location }))).toEqual([
      { ruleId: 'core/parse-error', message: 'invalid YAML: Map keys must be unique', location: { file: 'keys/dataset.yaml', line: 100_002, column: 1 } },
    ]);
  });

  it('64 MiB of malformed JSON: parsing gives up after limits.parseErrors errors', async () => {
    const dir = workspace();
    // `[1 1 1 …`: a missing comma every two bytes, 32 Mi errors (each was kept: out of memory).
    writeFileSync(path.join(dir, 'garbage.json'), '[' + '1 '.repeat(32 * 1024 * 1024));
    const report = await lintJson(dir, ['garbage.json', 'good']);
    const findings = report.files.flatMap((f) => f.findings);
    expect(limitFindings(report)).toEqual([{ ruleId: 'core/limit-exceeded', messageId: 'parseErrors', location: { file: 'garbage.json', line: 1, column: 4 } }]);
    expect(findings[0]!.message).toBe("more than 100 syntax errors (limits.parseErrors), parsing gave up; the first: invalid JSON: ',' expected");
  });

  it('UTF-16 and UTF-32 descriptors with a BOM are decoded and linted', async () => {
    const yaml = readFileSync(path.join(FIXTURES, 'odlint', 'good', 'dataset.yaml'), 'utf8');
    const ckan = (name: string) => JSON.stringify({ name, title: `CKAN ${name}`, license_id: 'cc-by', notes: 'n', resources: [] });
    const dir = workspace({
      'utf16le/dataset.yaml': iconv.encode('\uFEFF' + yaml.replace('id: population-by-sex-2023', 'id: utf16le'), 'utf-16le'),
      'utf32le/dataset.yaml': iconv.encode('\uFEFF' + yaml.replace('id: population-by-sex-2023', 'id: utf32le'), 'utf-32le'),
      'utf16be.json': iconv.encode('\uFEFF' + ckan('utf16be'), 'utf-16be'),
      'utf32be.json': iconv.encode('\uFEFF' + ckan('utf32be'), 'utf-32be'),
    });
    for (const d of ['utf16le', 'utf32le']) cpSync(path.join(dir, 'good', 'data'), path.join(dir, d, 'data'), { recursive: true });
    const report = await lintJson(dir, ['utf16le', 'utf32le', 'utf16be.json', 'utf32be.json', 'good']);
    expect(report.files).toEqual([]);
    expect(report.datasets.map((d) => d.id).sort()).toEqual(['population-by-sex-2023', 'utf16be', 'utf16le', 'utf32be', 'utf32le']);
    // Decoded text keeps its positions: the same findings as the UTF-8 original.
    const locations = (id: string) => report.datasets.find((d) => d.id === id)!.findings.map((f) => [f.ruleId, f.location.line, f.location.column]);
    expect(locations('utf16le')).toEqual(locations('population-by-sex-2023'));
    expect(locations('utf32le')).toEqual(locations('population-by-sex-2023'));
  });

  it('Table Schema pattern "(a+)+" on 31 "a"s and a "!": RE2 answers at once; a backreference is a finding on the schema', async () => {
    const dir = workspace({
      'pattern/dataset.yaml': [
        'title: Codes with user patterns',
        'licence: CC-BY-4.0',
        'distributions:',
        '  - path: data/codes.csv',
        '    schema:',
        '      fields:',
        '        - { name: code, type: string, constraints: { pattern: "(a+)+" } }',
        '        - { name: ref, type: string, constraints: { pattern: "(a)\\\\1" } }',
        '',
      ].join('\n'),
      'pattern/data/codes.csv': `code,ref\n${'a'.repeat(31)}!,aa\naaa,aa\n`,
    });
    const report = await lintJson(dir, ['pattern', 'good'], ['--rule', 'data/schema-constraint-error=error']);
    const findings = report.datasets.flatMap((d) => d.findings).filter((f) => f.ruleId === 'data/schema-constraint-error');
    expect(findings.map(({ messageId, location }) => ({ messageId, location }))).toEqual([
      { messageId: 'pattern', location: { file: 'pattern/data/codes.csv', row: 2, line: 2, field: 'code' } },
      { messageId: 'patternUnsupported', location: { file: 'pattern/dataset.yaml', pointer: '/distributions/0/schema/fields/1/constraints/pattern', line: 8, column: 53 } },
    ]);
    expect(findings[1]!.message).toBe('the pattern of "ref" cannot be checked in linear time, so it is not: invalid escape sequence: `\\1`');
  });

  it('a cell of 200 KiB of spaces in a sex column: detection stays linear', async () => {
    const dir = workspace({ 'people.csv': `municipality,sex,population\nBruxelles,F,95012\nBruxelles,F${' '.repeat(200 * 1024)}x,93725\nIxelles,M,42311\n` });
    const r = await odlint(['-f', 'json', 'people.csv', 'good'], dir);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as Report;
    // The value splits into no bilingual label: the column is found by its header, its codes unrecognised.
    expect(report.datasets.find((d) => d.id === 'people.csv')!.gender!.sexColumns).toEqual([
      { file: 'people.csv', column: 'sex', scheme: 'unrecognised', schemeLabel: 'unrecognised codes', basis: 'header' },
    ]);
    expect(report.datasets.map((d) => d.id)).toContain('population-by-sex-2023');
  });
});
